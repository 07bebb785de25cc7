using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Streams.Scoring.Artifacts;

namespace Streams.Api.Config;

/// <summary>
/// The model versions announced on the compacted <c>models</c> topic, every version this
/// instance has read (compaction keeps only the latest per model, so older versions are those
/// seen since the topic was last compacted).
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
            var model = ModelMetadata.FromJson(Encoding.UTF8.GetString(value));
            versions.AddOrUpdate(
                key,
                _ => [model],
                (_, list) => list.RemoveAll(m => m.Version == model.Version).Add(model));
        }
        catch (JsonException e)
        {
            LogUnreadable(key, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API skips model announcement {Key}: {Reason}")]
    private partial void LogUnreadable(string key, string reason);
}
