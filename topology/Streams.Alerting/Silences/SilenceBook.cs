using System.Collections.Immutable;

namespace Streams.Alerting.Silences;

/// <summary>The current silences, shared by the alerting role's stream threads and kept in step with the alert-rules topic.</summary>
public sealed class SilenceBook
{
    private ImmutableDictionary<string, ActiveSilence> silences = ImmutableDictionary<string, ActiveSilence>.Empty.WithComparers(StringComparer.Ordinal);

    public int Count => silences.Count;

    public IReadOnlyCollection<ActiveSilence> All => [.. silences.Values];

    public void Publish(ActiveSilence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        ImmutableInterlocked.AddOrUpdate(ref silences, silence.Silence.Id, silence, (_, _) => silence);
    }

    public void Remove(string id) => ImmutableInterlocked.TryRemove(ref silences, id, out _);

    /// <summary>The id of a silence that mutes <paramref name="labels"/> now, or null.</summary>
    public string? MutedBy(IReadOnlyDictionary<string, string> labels, DateTimeOffset now) =>
        silences.Values.Where(s => s.Mutes(labels, now)).Select(s => s.Silence.Id).Order(StringComparer.Ordinal).FirstOrDefault();
}
