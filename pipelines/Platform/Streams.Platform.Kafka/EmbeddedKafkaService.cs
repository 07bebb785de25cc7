using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Schemas.Topics;

namespace Streams.Platform.Kafka;

/// <summary>Runs the embedded broker for the life of the host and creates the catalogue's topics.</summary>
internal sealed class EmbeddedKafkaService(IOptions<EmbeddedKafkaOptions> options, ILogger<EmbeddedKafkaService> logger)
    : IHostedService, IKafkaEndpoint, IDisposable
{
    private EmbeddedKafkaCluster? _cluster;

    public string BootstrapServers => Cluster.BootstrapServers;

    public bool IsEmbedded => true;

    public ITopicCreator? TopicCreator => Cluster;

    public EmbeddedKafkaCluster Cluster => _cluster ?? throw new InvalidOperationException("The embedded Kafka broker has not started yet.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _cluster = EmbeddedKafkaCluster.Start(settings, logger);
        _cluster.CreateTopics(TopicCatalogue.All);
        logger.LogInformation("Embedded Kafka: {Brokers} broker(s) at {BootstrapServers}, {Topics} topics", settings.Brokers, _cluster.BootstrapServers, _cluster.Topics.Count);
        return Task.CompletedTask;
    }

    // Stopped in Dispose, after every other hosted service has stopped and flushed its clients.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _cluster?.Dispose();
}
