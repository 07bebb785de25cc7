using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Schemas.Topics;
using Streams.Platform.Kafka;

namespace Streams.Alerter.Cli;

/// <summary>What an alerting verb works with: the configuration as stored now (read to the end of alert-rules) and a writer.</summary>
internal sealed class AlertConfigSession : IDisposable
{
    private readonly IProducer<string, byte[]> producer;

    private AlertConfigSession(AlertConfigView view, IProducer<string, byte[]> producer)
    {
        View = view;
        this.producer = producer;
        Writer = new AlertConfigWriter(producer);
    }

    public AlertConfigView View { get; }

    public AlertConfigWriter Writer { get; }

    public static AlertConfigSession Open(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var bootstrap = configuration["Kafka:BootstrapServers"] ?? "127.0.0.1:9092";
        var view = new AlertConfigView(NullLogger.Instance);
        using (var reader = new CompactedTopicReader(bootstrap, TopicCatalogue.AlertRules.Name, TopicCatalogue.AlertRules.Partitions, view.Apply, NullLogger.Instance))
        {
            if (!reader.CatchUp(TimeSpan.FromSeconds(10), cancellationToken))
            {
                throw new InvalidOperationException($"could not read {TopicCatalogue.AlertRules.Name} from Kafka at {bootstrap} within 10 s; is the platform running (streams up)?");
            }
        }

        var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap, Acks = Acks.All, MessageTimeoutMs = 10_000 }).Build();
        return new AlertConfigSession(view, producer);
    }

    public void Dispose()
    {
        producer.Flush(TimeSpan.FromSeconds(10));
        producer.Dispose();
    }
}
