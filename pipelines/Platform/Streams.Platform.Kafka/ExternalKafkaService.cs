using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Schemas.Topics;

namespace Streams.Platform.Kafka;

/// <summary>
/// Points every stage at an external cluster and creates the catalogue's missing topics there.
/// When the "external" cluster is another <c>streams</c> process's embedded broker, topics are
/// created through that process instead (<see cref="RemoteTopicCreator"/>).
/// </summary>
internal sealed class ExternalKafkaService(IOptions<KafkaOptions> options, IHttpClientFactory http, ILogger<ExternalKafkaService> logger)
    : IHostedService, IKafkaEndpoint
{
    public string BootstrapServers => options.Value.BootstrapServers!;

    public bool IsEmbedded => false;

    public ITopicCreator? TopicCreator { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = settings.BootstrapServers }).Build();
        var existing = admin.GetMetadata(TimeSpan.FromSeconds(30)).Topics.Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        if (!await SupportsCreateTopicsAsync(admin, existing.FirstOrDefault()))
        {
            if (string.IsNullOrWhiteSpace(settings.PlatformUrl))
            {
                logger.LogWarning("Kafka at {BootstrapServers} cannot create topics and Kafka:PlatformUrl is not set; stages that need new topics will fail", settings.BootstrapServers);
                return;
            }

            TopicCreator = new RemoteTopicCreator(
                http.CreateClient(nameof(RemoteTopicCreator)),
                new Uri(settings.PlatformUrl),
                RemoteTopicCreator.KeyFrom(settings.PlatformApiKey, settings.PlatformApiKeyFile));
            logger.LogInformation("Kafka at {BootstrapServers} is an embedded broker; topics are created through {PlatformUrl}", settings.BootstrapServers, settings.PlatformUrl);
        }

        var missing = TopicCatalogue.All.Where(t => !existing.Contains(t.Name)).ToList();
        if (!settings.ProvisionTopics || missing.Count == 0)
        {
            return;
        }

        if (TopicCreator is { } remote)
        {
            missing.ForEach(t => remote.CreateTopic(t.Name, t.Partitions));
            return;
        }

        try
        {
            await admin.CreateTopicsAsync(missing.Select(t => new TopicSpecification
            {
                Name = t.Name,
                NumPartitions = t.Partitions,
                ReplicationFactor = settings.ReplicationFactor,
                Configs = t.Configs.ToDictionary(),
            }));
        }
        catch (CreateTopicsException ex) when (ex.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another instance created them between our metadata read and our request.
        }

        logger.LogInformation("Created {Count} topics on {BootstrapServers}: {Topics}", missing.Count, settings.BootstrapServers, string.Join(", ", missing.Select(t => t.Name)));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // librdkafka's built-in broker answers CreateTopics with "Topic Admin API (KIP-4) not
    // supported"; a real broker validates the request (an existing topic: TopicAlreadyExists).
    private static async Task<bool> SupportsCreateTopicsAsync(IAdminClient admin, string? existingTopic)
    {
        try
        {
            await admin.CreateTopicsAsync(
                [new TopicSpecification { Name = existingTopic ?? TopicCatalogue.Schemas.Name, NumPartitions = 1 }],
                new CreateTopicsOptions { ValidateOnly = true, RequestTimeout = TimeSpan.FromSeconds(10) });
            return true;
        }
        catch (CreateTopicsException)
        {
            return true;
        }
        catch (KafkaException ex) when (ex.Error.Code == ErrorCode.Local_UnsupportedFeature)
        {
            return false;
        }
    }
}
