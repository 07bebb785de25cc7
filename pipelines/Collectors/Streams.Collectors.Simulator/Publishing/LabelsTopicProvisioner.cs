using Streams.Schemas.Topics;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Streams.Collectors.Simulator.Labels;
using Streams.Platform.Kafka;

namespace Streams.Collectors.Simulator.Publishing;

/// <summary>Creates the labels topic when the cluster does not have it yet.</summary>
public static class LabelsTopicProvisioner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Ensures <see cref="TopicCatalogue.Labels"/> exists: through <paramref name="creator"/> when the
    /// embedded broker runs in this process, else through the admin API, else (the embedded
    /// broker of a <c>streams up</c> process refuses CreateTopics) through that process at
    /// <paramref name="platform"/>. When all fail the first label produced auto-creates the
    /// topic with the broker's default layout, which is what false means.
    /// </summary>
    /// <returns>True when the topic exists or was created with the catalogued layout.</returns>
    /// <exception cref="KafkaException">The cluster did not answer.</exception>
    public static async Task<bool> EnsureAsync(string bootstrapServers, ITopicCreator? creator, Uri? platform = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        var spec = TopicCatalogue.Labels;
        if (creator is not null)
        {
            creator.CreateTopic(spec.Name, spec.Partitions);
            return true;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers, SocketTimeoutMs = 10_000 }).Build();
        // Metadata for all topics: asking for the one topic would auto-create it on brokers that allow that.
        var metadata = admin.GetMetadata(Timeout);
        if (metadata.Topics.Any(t => t.Topic == spec.Name && t.Error.Code == ErrorCode.NoError && t.Partitions.Count > 0))
        {
            return true;
        }

        try
        {
            await admin.CreateTopicsAsync(
                [new TopicSpecification { Name = spec.Name, NumPartitions = spec.Partitions, ReplicationFactor = -1, Configs = new Dictionary<string, string>(spec.Configs) }],
                new CreateTopicsOptions { RequestTimeout = Timeout }).WaitAsync(cancellationToken);
            return true;
        }
        catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code == ErrorCode.TopicAlreadyExists))
        {
            return true;
        }
        catch (KafkaException) when (platform is not null)
        {
            return CreateThroughPlatform(platform, spec.Name, spec.Partitions);
        }
        catch (KafkaException)
        {
            return false;
        }
    }

    private static bool CreateThroughPlatform(Uri platform, string name, int partitions)
    {
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            new RemoteTopicCreator(http, platform, RemoteTopicCreator.KeyFromEnvironment()).CreateTopic(name, partitions);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            return false;
        }
    }
}
