using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Streams.Scoring.Artifacts;

namespace Streams.Api.Config;

/// <summary>
/// The model versions on the compacted <c>models</c> topic: every announced version this
/// instance has read (compaction keeps only the latest per model, so older versions are those
/// seen since the topic was last compacted), and the latest record of each scorer-trained host.
/// </summary>
internal sealed partial class ModelCatalogue(ILogger logger)
{
    private readonly ConcurrentDictionary<string, ImmutableList<ModelMetadata>> versions = new(StringComparer.Ordinal);

    /// <summary>Every model's versions, newest first; the first of each name is the one in force.</summary>
    public IReadOnlyList<(ModelMetadata Model, bool Current)> All =>
        [.. versions.OrderBy(v => v.Key, StringComparer.Ordinal)
            .SelectMany(v => v.Value.OrderByDescending(m => m.Version, StringComparer.Ordinal).Select((m, i) => (m, i == 0)))];

    public void Apply(string key, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (value is null)
        {
            versions.TryRemove(key, out _);
            return;
        }

        try
        {
            // A self-trained record carries its artifact; the API lists versions and never scores,
            // and keeps every version it read, so it drops the bytes.
            var model = ModelMetadata.FromJson(Encoding.UTF8.GetString(value)) with { Model = null };
            // A scorer republishes a host at every retraining (8 a day by default): of those only
            // the latest is kept, or the catalogue would grow with the fleet for ever.
            versions.AddOrUpdate(
                key,
                _ => [model],
                (_, list) => model.Origin == ModelMetadata.SelfTrainedOrigin ? [model] : list.RemoveAll(m => m.Version == model.Version).Add(model));
        }
        catch (JsonException e)
        {
            LogUnreadable(key, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API skips model announcement {Key}: {Reason}")]
    private partial void LogUnreadable(string key, string reason);
}
