using io.streams.avro;
using Microsoft.Extensions.Logging;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Prometheus.Mapping;

namespace Streams.Collectors.Prometheus.RemoteWrite;

/// <summary>
/// Takes remote-write request bodies: decodes them, maps every sample, publishes the request as one
/// batch per host and timestamp (a Prometheus sends each target's scrape with one timestamp, so a
/// request from many targets becomes each target's batches). A body that
/// does not decode is refused whole and dead-lettered; a series that cannot be mapped is
/// dead-lettered on its own (as its labels) and the rest of the request is kept.
/// </summary>
internal sealed partial class RemoteWriteReceiver(PrometheusOptions options, IInboundSink sink, ILogger logger)
{
    public const string Source = "prometheus.remote-write";
    public const string Stage = "prometheus-remote-write";

    private readonly PrometheusSeriesMapper _mapper = new(options.Mapping);

    /// <summary>Publishes the request's samples; the outcome's error says why a request was refused whole (the sender should not retry it).</summary>
    public RemoteWriteOutcome Receive(byte[] body, int length)
    {
        ArgumentNullException.ThrowIfNull(body);
        List<RemoteWriteSeries> series;
        try
        {
            series = RemoteWriteDecoder.Decode(body.AsSpan(0, length), options.MaxRemoteWriteBytes);
        }
        catch (InvalidDataException ex)
        {
            LogRefused(logger, ex.Message);
            sink.DeadLetter(new InboundDeadLetter(Source, Stage, InboundRejectReason.MalformedInput, ex.Message, body.AsSpan(0, length).ToArray()));
            return new RemoteWriteOutcome(0, 0, ex.Message);
        }

        var batches = new MetricBatchBuilder();
        var skipped = 0;
        foreach (var one in series)
        {
            var kind = KindOf(one.Labels);
            foreach (var sample in one.Samples)
            {
                if (!double.IsFinite(sample.Value))
                {
                    // Stale markers (a NaN with a special payload) and NaN gauges: no measurement to keep.
                    skipped++;
                    continue;
                }

                if (_mapper.Map(null, one.Labels, null, sample.Value, sample.TimestampMs, kind, 0, out var error) is not { } mapped)
                {
                    sink.DeadLetter(new InboundDeadLetter(Source, Stage, InboundRejectReason.Unmappable, error!, LabelText(one.Labels)));
                    skipped += one.Samples.Length;
                    break;
                }

                batches.Add(mapped);
            }
        }

        var accepted = batches.Points;
        batches.PublishTo(sink);
        return new RemoteWriteOutcome(accepted, skipped, null);
    }

    /// <summary>Remote write 1.0 carries no type; the naming conventions give it for counters and histogram parts.</summary>
    private static MetricKind KindOf(KeyValuePair<string, string>[] labels)
    {
        foreach (var (key, value) in labels)
        {
            if (key == PrometheusSeriesMapper.NameLabel)
            {
                return value.EndsWith("_total", StringComparison.Ordinal) || value.EndsWith("_bucket", StringComparison.Ordinal)
                    || value.EndsWith("_count", StringComparison.Ordinal) || value.EndsWith("_sum", StringComparison.Ordinal)
                    ? MetricKind.COUNTER
                    : MetricKind.UNKNOWN;
            }
        }

        return MetricKind.UNKNOWN;
    }

    private static byte[] LabelText(KeyValuePair<string, string>[] labels) =>
        System.Text.Encoding.UTF8.GetBytes("{" + string.Join(",", labels.Select(l => $"{l.Key}=\"{l.Value}\"")) + "}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Remote-write request refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
