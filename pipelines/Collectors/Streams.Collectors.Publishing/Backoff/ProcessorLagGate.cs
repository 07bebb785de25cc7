using System.Diagnostics;
using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streams.Platform.Kafka.Status;

namespace Streams.Collectors.Publishing.Backoff;

/// <summary>
/// One reading of the processor's lag on <c>metrics.raw</c> per <see cref="Check"/>, and the
/// back-off decision it leads to (see <see cref="BackoffDecision"/>): logged at each change and
/// exported as the gauges <c>streams_collector_backoff</c> (1 while holding back) and
/// <c>streams_collector_backoff_lag</c>. The collector roles check it from
/// <see cref="ProcessorLagBackoff"/>; <c>streams simulate</c> and <c>replay</c> from their pacer.
/// </summary>
public sealed partial class ProcessorLagGate : IBackpressure, IDisposable
{
    private readonly BackoffOptions _options;
    private readonly ILogger _logger;
    private readonly ConsumerLagReader _reader;
    private readonly Meter _meter = new("Streams.Collectors.Backoff");
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private volatile bool _holding;
    private long _lag = -1;

    public ProcessorLagGate(BackoffOptions options, string bootstrapServers, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        _options = options;
        _logger = logger;
        _reader = new ConsumerLagReader(bootstrapServers);
        _meter.CreateObservableGauge("streams.collector.backoff", () => _holding ? 1 : 0, "{state}", "1 while this process's collectors keep new metric records in their spools because the processor lags over Collectors:Backoff:MaxLagRecords.");
        _meter.CreateObservableGauge("streams.collector.backoff.lag", ObserveLag, "{record}", "The processor's lag on metrics.raw as the collectors' back-off last read it.");
    }

    public bool HoldBack => _holding;

    /// <summary>Reads the lag (blocking, up to a few seconds while Kafka does not answer) and decides.</summary>
    public void Check()
    {
        long? lag;
        try
        {
            lag = _reader.Read(_options.ProcessorGroup, _options.Topic)?.Records;
        }
        catch (KafkaException ex)
        {
            LogUnreadable(_logger, ex.Error.Reason);
            lag = null;
        }

        Interlocked.Exchange(ref _lag, lag ?? -1);
        var next = BackoffDecision.HoldBack(_holding, lag, _options.MaxLagRecords, _options.ResumeAt);
        if (next == _holding)
        {
            return;
        }

        if (next)
        {
            LogHolding(_logger, _options.ProcessorGroup, lag ?? 0, _options.Topic, _options.MaxLagRecords, _options.ResumeAt);
        }
        else
        {
            LogResumed(_logger, _options.ProcessorGroup, lag, _options.Topic, _since.Elapsed.TotalSeconds);
        }

        _since.Restart();
        _holding = next;
    }

    /// <summary>Checks every <see cref="BackoffOptions.CheckIntervalSeconds"/> until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.CheckIntervalSeconds));
        try
        {
            do
            {
                Check();
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void Dispose()
    {
        _meter.Dispose();
        _reader.Dispose();
    }

    private IEnumerable<Measurement<long>> ObserveLag()
    {
        var lag = Interlocked.Read(ref _lag);
        return lag < 0 ? [] : [new Measurement<long>(lag)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Back-off: {Group} lags {Lag} records on {Topic}, over Collectors:Backoff:MaxLagRecords ({Bound}); collectors keep new records in their spools until it is at {Resume} or less")]
    private static partial void LogHolding(ILogger logger, string group, long lag, string topic, long bound, long resume);

    [LoggerMessage(Level = LogLevel.Information, Message = "Back-off over: {Group} lags {Lag} records on {Topic}; collectors send their spools again after holding back for {Seconds:F0} s")]
    private static partial void LogResumed(ILogger logger, string group, long? lag, string topic, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Back-off: the processor's lag could not be read ({Reason}); collectors send")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
