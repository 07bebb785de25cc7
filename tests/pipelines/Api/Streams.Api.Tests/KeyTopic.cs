using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Platform.Kafka;
using Streams.Schemas.Topics;

namespace Streams.Api.Tests;

/// <summary>What the api-keys topic holds, read the way the API reads it.</summary>
internal static class KeyTopic
{
    /// <summary>The latest value of every key id, tombstones left out.</summary>
    public static IReadOnlyDictionary<string, string> Read(string bootstrapServers)
    {
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new CompactedTopicReader(
            bootstrapServers, TopicCatalogue.ApiKeys.Name, TopicCatalogue.ApiKeys.Partitions,
            (id, value) =>
            {
                if (value is null)
                {
                    latest.Remove(id);
                }
                else
                {
                    latest[id] = Encoding.UTF8.GetString(value);
                }
            },
            NullLogger.Instance);
        Assert.True(reader.CatchUp(TimeSpan.FromSeconds(10), CancellationToken.None), "api-keys was not read to its end");
        return latest;
    }
}
