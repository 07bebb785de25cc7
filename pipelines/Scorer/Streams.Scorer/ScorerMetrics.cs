using System.Diagnostics.Metrics;
using Streams.Scoring.Learning;
using Streams.Topology.Scoring;

namespace Streams.Scorer;

/// <summary>
/// The scorer's instruments, on a meter under <c>Streams.*</c> (exported at /metrics): hosts by
/// phase, so a fleet still learning, in cold start or provisional shows, and windows scored and anomalies.
/// One meter per scorer instance, disposed with it, because the gauges read that instance's status.
/// </summary>
internal sealed class ScorerMetrics : IDisposable
{
    public const string MeterName = "Streams.Scorer";

    private readonly Meter meter = new(MeterName);

    public ScorerMetrics(ScorerStatus status, ModelRegistry models)
    {
        meter.CreateObservableGauge("streams.scorer.hosts", () => new[]
        {
            new Measurement<int>(status.Count(HostPhase.Learning), new KeyValuePair<string, object?>("phase", "learning")),
            new Measurement<int>(status.Count(HostPhase.ChangeOnly), new KeyValuePair<string, object?>("phase", "change-only")),
            new Measurement<int>(status.Count(HostPhase.FleetPrior), new KeyValuePair<string, object?>("phase", "fleet-prior")),
            new Measurement<int>(status.Count(HostPhase.Provisional), new KeyValuePair<string, object?>("phase", "provisional")),
            new Measurement<int>(status.Count(HostPhase.Scoring) + status.Count(HostPhase.Announced), new KeyValuePair<string, object?>("phase", "scoring")),
        }, "{host}", "Hosts with no model and nothing to judge them yet (learning), judged before their own model by the change detector alone (change-only) or with their group's fleet prior (fleet-prior), scored by a model trained on under the mature history (provisional), or by a mature or announced model (scoring).");
        meter.CreateObservableGauge("streams.scorer.models", () => models.Count, "{model}", "Host models announced on the models topic and loaded.");
        meter.CreateObservableCounter("streams.scorer.windows", () => status.WindowsScored, "{window}", "Windows scored.");
        meter.CreateObservableCounter("streams.scorer.anomalies", () => status.Anomalies, "{window}", "Windows found anomalous and written to anomalies.");
        meter.CreateObservableCounter("streams.scorer.models.oversized", () => status.OversizedModels, "{model}", "Models trained here whose records exceed Scorer:MaxRecordBytes: they score from memory but are not stored, and are published without their artifact.");
    }

    public void Dispose() => meter.Dispose();
}
