using System.Diagnostics.Metrics;
using Streams.Topology.DeadLetters;

namespace Streams.Host.Tests.DeadLetters;

public sealed class DeadLetterMetricsTests
{
    [Fact]
    public void Record_TwoLetters_AddsOnePerLetterTaggedWithStageAndReason()
    {
        // A stage of its own: other tests in this process may record at the same time.
        var stage = "test-" + Guid.NewGuid().ToString("N");
        var seen = new List<(long Value, string? Stage, string? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == DeadLetterMetrics.MeterName && instrument.Name == DeadLetterMetrics.RecordsName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string);
            if (tagged.GetValueOrDefault("stage") == stage)
            {
                lock (seen)
                {
                    seen.Add((value, tagged["stage"], tagged.GetValueOrDefault("reason")));
                }
            }
        });
        listener.Start();

        DeadLetterMetrics.Record(stage, RejectReason.NonFiniteValue);
        DeadLetterMetrics.Record(stage, RejectReason.OutOfRange);

        Assert.Equal([(1L, stage, RejectReason.NonFiniteValue), (1L, stage, RejectReason.OutOfRange)], seen);
    }

    [Fact]
    public void MeterName_IsUnderTheExportedStreamsPrefix()
    {
        Assert.StartsWith(Streams.Host.Telemetry.TelemetryServiceCollectionExtensions.StreamsSources.TrimEnd('*'), DeadLetterMetrics.MeterName, StringComparison.Ordinal);
    }
}
