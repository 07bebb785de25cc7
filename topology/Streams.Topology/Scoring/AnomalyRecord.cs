using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using io.streams.avro;
using Streams.Scoring.Artifacts;
using Streams.Scoring.Fleet;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Learning;

namespace Streams.Topology.Scoring;

/// <summary>Builds the Anomaly record of a host-level finding.</summary>
internal static class AnomalyRecord
{
    // Bands of score / threshold. The ensemble threshold already sits at the 99.5th percentile of
    // held-out training windows, so 1.5x is well outside anything seen in training and 3x is a
    // metric several spreads away from where the host's other metrics put it.
    private const double MajorRatio = 1.5;
    private const double CriticalRatio = 3.0;

    // A cold-start judge has no trained version; its anomalies' ids differ from a model's by the judge's name.
    private const string ColdStartVersion = "cold-start";

    public static Anomaly Create(MetricWindow window, LiveHost live, HostScore score, int topContributions, DateTimeOffset now)
    {
        var detector = live.Model.Detector;
        HostExpectation.Expected(detector, live.Features, live.Present, live.Expected);
        var contributions = live.Scorer.TopContributions(topContributions)
            .Select(c => new Contribution
            {
                series = c.Name,
                share = c.Share,
                value = live.Present[c.Index] ? live.Features[c.Index] : null,
                expected = live.Expected[c.Index],
            })
            .ToList();
        return new Anomaly
        {
            id = Id(window.host, window.window.start, live.Model.Name, live.Model.Version),
            host = window.host,
            series = null,
            window = new TimeWindow { start = window.window.start, end = window.window.end },
            score = score.Score,
            threshold = score.Threshold,
            severity = SeverityOf(score.Score / score.Threshold),
            model = ModelMetadata.HostModelKind,
            modelVersion = live.Model.Version,
            contributions = contributions,
            consecutiveWindows = live.Run,
            tags = new Dictionary<string, string>(),
            detectedAt = now.UtcDateTime,
        };
    }

    /// <summary>
    /// The anomaly of a host judged before its own model exists: the model is the judge
    /// (<c>change-only</c> or <c>fleet-prior</c>), the contributions the features furthest over
    /// their threshold, expected at the middle of the fleet's range where the prior knows one.
    /// </summary>
    public static Anomaly ColdStart(MetricWindow window, ColdStartScorer scorer, ColdStartScore score, FleetPrior? prior, int topContributions, DateTimeOffset now)
    {
        var names = scorer.Names;
        var ratios = scorer.Ratios.ToArray();
        var total = 0.0;
        foreach (var ratio in ratios)
        {
            total += ratio;
        }

        var values = scorer.Values.ToArray();
        var present = scorer.Present.ToArray();
        var contributions = Enumerable.Range(0, names.Count)
            .OrderByDescending(d => ratios[d])
            .Take(topContributions)
            .Select(d => new Contribution
            {
                series = names[d],
                share = total > 0 ? ratios[d] / total : 0,
                value = present[d] ? values[d] : null,
                expected = prior?.Expected(names[d]),
            })
            .ToList();
        var model = HostCoverage.Name(score.Judge == ColdStartJudge.FleetPrior ? HostPhase.FleetPrior : HostPhase.ChangeOnly);
        return new Anomaly
        {
            id = Id(window.host, window.window.start, model, ColdStartVersion),
            host = window.host,
            series = null,
            window = new TimeWindow { start = window.window.start, end = window.window.end },
            score = score.Score,
            threshold = ColdStartScore.Threshold,
            severity = SeverityOf(score.Score / ColdStartScore.Threshold),
            model = model,
            modelVersion = ColdStartVersion,
            contributions = contributions,
            consecutiveWindows = scorer.Run,
            tags = new Dictionary<string, string>(),
            detectedAt = now.UtcDateTime,
        };
    }

    internal static Severity SeverityOf(double ratio) =>
        ratio >= CriticalRatio ? Severity.CRITICAL : ratio >= MajorRatio ? Severity.MAJOR : Severity.WARNING;

    // Host, window and model version: re-scoring the same window with the same model (a replay
    // after a crash) gives the same id, so idempotent sinks drop the repeat.
    private static string Id(string host, DateTime start, string model, string version)
    {
        var text = string.Join('\u001f', host, Metrics.EpochMs.Of(start).ToString(CultureInfo.InvariantCulture), model, version);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}
