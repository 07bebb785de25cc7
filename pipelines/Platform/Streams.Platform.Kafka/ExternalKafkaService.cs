using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Schemas.Topics;

namespace Streams.Platform.Kafka;

/// <summary>Points every stage at an external cluster and creates the catalogue's missing topics there.</summary>
internal sealed class ExternalKafkaService(IOptions<KafkaOptions> options, ILogger<ExternalKafkaService> logger) : IHostedService, IKafkaEndpoint
{
    public string BootstrapServers => options.Value.BootstrapServers!;

    public bool IsEmbedded => false;

    public ITopicCreator? TopicCreator => null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.ProvisionTopics)
        {
            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = settings.BootstrapServers }).Build();
        var existing = admin.GetMetadata(TimeSpan.FromSeconds(30)).Topics.Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        var missing = TopicCatalogue.All.Where(t => !existing.Contains(t.Name)).ToList();
        if (missing.Count == 0)
        {
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
}
