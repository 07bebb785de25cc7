using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Streams.Platform.Kafka.Status;

/// <summary>
/// Reads every named group's lag on every topic it has committed on, every few seconds, and
/// exports it as the gauges <c>streams_consumer_lag</c> (records) and
/// <c>streams_consumer_lag_seconds</c> (how long ago the oldest unprocessed record was written,
/// see <see cref="TimeLagEstimator"/>), labelled by group and topic; <see cref="Current"/> is the
/// last reading, for the API and <c>streams status</c>.
/// </summary>
public sealed partial class ConsumerLagMonitor(IKafkaEndpoint kafka, IReadOnlyList<string> groups, TimeSpan interval, ILogger<ConsumerLagMonitor> logger)
    : BackgroundService
{
    // Long enough to say "behind by minutes" after an outage; the history is a few values a partition.
    private static readonly TimeSpan History = TimeSpan.FromHours(1);

    private readonly Meter _meter = new("Streams.Platform.Kafka.Lag");
    private readonly TimeLagEstimator _estimator = new(History);
    private volatile IReadOnlyList<ConsumerLag> _current = [];

    /// <summary>The last reading: one entry per group and topic the group has committed on; empty before the first or while Kafka does not answer.</summary>
    public IReadOnlyList<ConsumerLag> Current => _current;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _meter.CreateObservableGauge("streams.consumer.lag", () => _current.Select(l => new Measurement<long>(l.Records, Tags(l))), "{record}", "Records written to the topic that the consumer group has not processed yet.");
        _meter.CreateObservableGauge("streams.consumer.lag.seconds", () => _current.Select(l => new Measurement<double>(l.Seconds, Tags(l))), "s", "How long ago the oldest record the consumer group has not processed was written (estimated from end-offset history).");
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var reader = new ConsumerLagReader(kafka.BootstrapServers);
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                try
                {
                    _current = Read(reader, DateTimeOffset.UtcNow);
                }
                catch (KafkaException ex)
                {
                    LogUnreadable(logger, ex.Error.Reason);
                    _current = [];
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private List<ConsumerLag> Read(ConsumerLagReader reader, DateTimeOffset now)
    {
        var lags = groups.Distinct(StringComparer.Ordinal).SelectMany(reader.ReadAll).ToList();
        foreach (var lag in lags)
        {
            _estimator.Observe(lag, now);
        }

        return [.. lags.Select(l => new ConsumerLag(l.Group, l.Topic, l.Records, l.MaxPartitionRecords, _estimator.Behind(l, now).TotalSeconds))];
    }

    private static KeyValuePair<string, object?>[] Tags(ConsumerLag lag) => [new("group", lag.Group), new("topic", lag.Topic)];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Consumer lag could not be read: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
