using Streams.Evaluation.Metrics;
using Streams.Evaluation.Runs;

namespace Streams.Evaluation.Tests.Runs;

public sealed class EvalReportTests
{
    private static bool[] Bits(string text) => [.. text.Select(c => c == '1')];

    private static FileResult File(string name, string predicted, string labels, RangeFigures range) =>
        new(name, DetectionCounts.Of(Bits(predicted), Bits(labels)), TimeSpan.Zero, TimeSpan.Zero)
        {
            Affiliation = AffiliationScore.Of(Bits(predicted), Bits(labels)),
            Delays = DetectionDelays.Of(Bits(predicted), Bits(labels), (from, to) => (to - from) * 60.0),
            Range = range,
        };

    [Fact]
    public void ToJson_ThreeFiles_PoolsCountsAveragesRangeFiguresAndNamesTheWorstFpr()
    {
        // a: event rows 1–2 caught on row 2 (delay 1), no false positive.
        // b: event row 3 caught at once (delay 0), false positives on rows 0 and 1 of 3 negatives: FPR 2/3.
        // c: no event, one false positive in 4 rows (FPR 1/4), range figures undefined.
        // Pooled: FPR (0 + 2 + 1)/(2 + 3 + 4) = 1/3; events 2 detected, false runs (b's [0,2), c's [0,1)) 2: event precision 1/2;
        // VUS-PR and Range-AUC-PR the mean of a and b only; delays {1, 0}: median 0.5 windows, 30 s.
        var report = new EvalReport("smd",
        [
            File("a", "0010", "0110", new RangeFigures(0.2, 0.3, 10)),
            File("b", "1101", "0001", new RangeFigures(0.4, 0.5, 20)),
            File("c", "1000", "0000", RangeFigures.Undefined),
        ]);

        var overall = report.ToJson()["overall"]!;

        Assert.Equal(1.0 / 3, overall["fpr"]!.GetValue<double>(), 12);
        Assert.Equal("b", overall["fpr_worst"]!["file"]!.GetValue<string>());
        Assert.Equal(2.0 / 3, overall["fpr_worst"]!["fpr"]!.GetValue<double>(), 12);
        Assert.Equal(0.5, overall["event_precision"]!.GetValue<double>(), 12);
        Assert.Equal(0.3, overall["vus_pr"]!.GetValue<double>(), 12);
        Assert.Equal(0.4, overall["range_auc_pr"]!.GetValue<double>(), 12);
        Assert.Equal(0.5, overall["delay"]!["median_windows"]!.GetValue<double>(), 12);
        Assert.Equal(30, overall["delay"]!["median_seconds"]!.GetValue<double>(), 12);
        Assert.Null(report.ToJson()["files"]!["c"]!["vus_pr"]);
    }

    [Fact]
    public void ToJson_NabFiles_ReportsAlertsFiredAndTheSideDetectorLabelledNotLive()
    {
        // Live: a caught at once (raw 1 by hand), b missed (raw -1); the side detector the other way round.
        static FileResult Nab(string name, string predicted, string labels, double raw, int fired, double sideRaw) =>
            File(name, predicted, labels, RangeFigures.Undefined) with
            {
                NabRaw = new NabScores(raw, raw, raw),
                NabWindows = 1,
                AlertsFired = fired,
                Side = File(name, labels, labels, RangeFigures.Undefined) with { NabRaw = new NabScores(sideRaw, sideRaw, sideRaw), NabWindows = 1 },
            };

        var report = new EvalReport("nab", [Nab("a", "0110", "0110", 1, 1, -1), Nab("b", "0000", "0011", -1, 0, 1)]);

        var json = report.ToJson();
        var a = json["files"]!["a"]!;

        Assert.Contains(NabEvaluation.AnomalyRule, json["detections"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, a["alerts_fired"]!.GetValue<int>());
        Assert.Equal(100, a["nab_standard"]!.GetValue<double>(), 9);
        Assert.Equal("side detector (not live)", a["side_detector"]!["label"]!.GetValue<string>());
        Assert.Equal(0, a["side_detector"]!["nab_standard"]!.GetValue<double>(), 9);
        // Overall: one alert, raw 0 of 2 windows (standard 50) live; the side detector pooled beside it.
        var overall = json["overall"]!;
        Assert.Equal(1, overall["alerts_fired"]!.GetValue<int>());
        Assert.Equal(50, overall["nab_standard"]!.GetValue<double>(), 9);
        Assert.Equal("side detector (not live)", overall["side_detector"]!["label"]!.GetValue<string>());
        Assert.Equal(2, overall["side_detector"]!["events_detected"]!.GetValue<int>());
        Assert.Equal(1, overall["events_detected"]!.GetValue<int>());
    }

    [Fact]
    public void ToJson_SmdFiles_HasNoAlertOrSideDetectorFields()
    {
        var json = new EvalReport("smd", [File("a", "0010", "0110", RangeFigures.Undefined)]).ToJson();

        Assert.Null(json["detections"]);
        Assert.Null(json["overall"]!["alerts_fired"]);
        Assert.Null(json["overall"]!["side_detector"]);
    }
}
