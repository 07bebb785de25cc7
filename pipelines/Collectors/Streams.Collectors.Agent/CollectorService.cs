using Confluent.SchemaRegistry;
using io.streams.avro;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Collectors.Agent.Sampling;
using Streams.Collectors.Publishing;
using Streams.Collectors.Publishing.Backoff;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;

namespace Streams.Collectors.Agent;

/// <summary>
/// The <c>collector</c> role: samples /proc and /sys every interval and publishes each pass as
/// one batch to <c>metrics.raw</c>, held in its spool while the processor lags (see <see cref="ProcessorLagBackoff"/>).
/// On stop it finishes the tick in progress and flushes the producer.
/// </summary>
internal sealed partial class CollectorService(
    IOptions<CollectorOptions> options, IKafkaEndpoint kafka, ISchemaRegistryEndpoint registry, IBackpressure backpressure, ILogger<CollectorService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        settings.Validate();
        using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
        using var publisher = new SpoolingPublisher<MetricBatch>(
            settings.Publishing, TopicCatalogue.MetricsRaw.Name, kafka.BootstrapServers, registryClient, logger, recordSubjects: true, backpressure);
        var sampler = new HostSampler(
            new ProcFiles(settings.RootPath),
            new SampleEmitter(settings.Host, settings.Tags, settings.IntervalSeconds * 1000, new PublisherMetricWriter(publisher)));
        LogStarted(logger, settings.Host, settings.IntervalSeconds, settings.RootPath);
        // The publisher stops after the last tick, so that tick is flushed too.
        await Sending.WhileAsync(publisher, token => SampleAsync(sampler, settings.IntervalSeconds, token), stoppingToken).ConfigureAwait(false);
        LogStopped(logger, publisher.AcknowledgedRecords, publisher.PendingRecords, publisher.DroppedRecords);
    }

    private async Task SampleAsync(HostSampler sampler, int intervalSeconds, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(intervalSeconds));
        do
        {
            try
            {
                sampler.Sample(DateTime.UtcNow);
            }
            catch (Exception ex) when (ex is IOException or FormatException or InvalidOperationException)
            {
                LogSampleFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Collector started for host {Host}: every {Seconds} s from {Root}")]
    private static partial void LogStarted(ILogger logger, string host, int seconds, string root);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sampling pass failed; the next one runs on schedule")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Collector stopped: {Acknowledged} passes (batches) acknowledged, {Pending} left in the spool, {Dropped} dropped")]
    private static partial void LogStopped(ILogger logger, long acknowledged, long pending, long dropped);
}
