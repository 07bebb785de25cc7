using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Runs;

/// <summary>
/// Per-file and overall figures of one evaluation run, as a table or as JSON. Overall counts are
/// summed over files, affiliation pools every file's events, delays pool every detected event,
/// and VUS-PR and Range-AUC-PR are the mean over files with an event (as TSB-AD reports a dataset).
/// </summary>
internal sealed class EvalReport(string dataset, IReadOnlyList<FileResult> files)
{
    public string Dataset { get; } = dataset;

    public IReadOnlyList<FileResult> Files { get; } = files;

    public FileResult Overall { get; } = Sum(files);

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["dataset"] = Dataset };
        if (Overall.AlertsFired is not null)
        {
            json["detections"] = $"live scorer and default alert rules: a detection is a window in which an alert of rule {NabEvaluation.AnomalyRule} starts FIRING (nab_raw, nab_standard, nab_low_fp, nab_low_fn); the row-wise figures take the rows under a FIRING alert as alarmed";
        }

        json["overall"] = OverallFigures();
        json["files"] = new JsonObject(Files.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)Figures(f))));
        return json;
    }

    public string ToJsonString() => ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public Table ToTable()
    {
        var smd = Overall.HitRate100 is not null;
        var table = new Table().Title($"streams eval {Dataset}");
        if (Worst() is { } worst)
        {
            var side = Overall.Side is null ? string.Empty : $"; side: the {NabEvaluation.SideLabel}, beside the live scorer and alert rules";
            table.Caption($"worst FPR {F(worst.Counts.FalsePositiveRate)} ({Markup.Escape(worst.Name)}); delay in windows, median/p90 over detected events{Markup.Escape(side)}");
        }

        string[] columns =
        [
            "file", "P", "R", "F1", "F1-PA", "event R", "event P", "aff P", "aff R", "aff F1", "VUS-PR", "R-AUC-PR", "delay", "FPR",
            .. smd ? new[] { "HitRate@100", "HitRate@150", "F1-PA ceiling" } : ["alerts fired", "NAB standard/low FP/low FN", "side: F1-PA", "side: NAB standard"],
        ];
        foreach (var column in columns)
        {
            table.AddColumn(column);
        }

        foreach (var file in Files.Append(Overall))
        {
            var c = file.Counts;
            string[] cells =
            [
                Markup.Escape(file.Name), F(c.Precision), F(c.Recall), F(c.F1), F(c.F1Adjusted), F(c.EventRecall), F(c.EventPrecision),
                F(file.Affiliation.Precision), F(file.Affiliation.Recall), F(file.Affiliation.F1), F(file.Range.VusPr), F(file.Range.RangeAucPr),
                $"{F(file.Delays.MedianWindows, "0.#")}/{F(file.Delays.P90Windows, "0.#")}", F(c.FalsePositiveRate),
                .. smd
                    ? new[] { F(file.HitRate100?.Value), F(file.HitRate150?.Value), F(file.Ceiling?.F1Adjusted) }
                    : [F(file.AlertsFired, "0"), Nab(file) is { } nab ? $"{F(nab.Standard, "F2")}/{F(nab.LowFalsePositive, "F2")}/{F(nab.LowFalseNegative, "F2")}" : "-", F(file.Side?.Counts.F1Adjusted), F(file.Side is { } side ? Nab(side)?.Standard : null, "F2")],
            ];
            table.AddRow(cells);
        }

        return table;
    }

    private static JsonObject Figures(FileResult file)
    {
        var json = Figures(file.Counts);
        json["affiliation_precision"] = Number(file.Affiliation.Precision);
        json["affiliation_recall"] = Number(file.Affiliation.Recall);
        json["affiliation_f1"] = Number(file.Affiliation.F1);
        json["vus_pr"] = Number(file.Range.VusPr);
        json["range_auc_pr"] = Number(file.Range.RangeAucPr);
        if (file.Range.Window > 0)
        {
            json["sliding_window"] = file.Range.Window;
        }

        json["delay"] = new JsonObject
        {
            ["events"] = file.Delays.Count,
            ["median_windows"] = Number(file.Delays.MedianWindows),
            ["p90_windows"] = Number(file.Delays.P90Windows),
            ["median_seconds"] = Number(file.Delays.MedianSeconds),
            ["p90_seconds"] = Number(file.Delays.P90Seconds),
        };
        json["training_seconds"] = file.TrainingTime.TotalSeconds;
        json["scoring_seconds"] = file.ScoringTime.TotalSeconds;
        if (file.HitRate100 is { } hit100 && file.HitRate150 is { } hit150)
        {
            json["hitrate_100"] = hit100.Value;
            json["hitrate_150"] = hit150.Value;
        }

        if (file.NabRaw is { } raw && Nab(file) is { } nab)
        {
            json["nab_raw"] = raw.Standard;
            json["nab_windows"] = file.NabWindows;
            json["nab_standard"] = Number(nab.Standard);
            json["nab_low_fp"] = Number(nab.LowFalsePositive);
            json["nab_low_fn"] = Number(nab.LowFalseNegative);
        }

        if (file.AlertsFired is { } fired)
        {
            json["alerts_fired"] = fired;
        }

        if (file.Side is { } side)
        {
            var figures = Figures(side);
            figures["label"] = NabEvaluation.SideLabel;
            figures["model"] = "per-series OnlineSeriesDetector, cold-start settings, NAB's probation as its learning period";
            json["side_detector"] = figures;
        }

        if (file.Ceiling is { } ceiling)
        {
            var figures = Figures(ceiling);
            figures["note"] = "threshold chosen per file on the test labels to maximise f1_pa: the score's best case, not a detector figure";
            json["ceiling"] = figures;
        }

        if (file.Supervised is { } supervised)
        {
            json["supervised"] = new JsonObject
            {
                ["rows"] = "second half of test/; the predictor is trained on the first half's labels",
                ["predictor"] = Figures(supervised.Predictor),
                ["unsupervised"] = Figures(supervised.Unsupervised),
            };
        }

        return json;
    }

    private static JsonObject Figures(DetectionCounts c) => new()
    {
        ["precision"] = c.Precision,
        ["recall"] = c.Recall,
        ["f1"] = c.F1,
        ["f1_pa"] = c.F1Adjusted,
        ["event_recall"] = c.EventRecall,
        ["event_precision"] = c.EventPrecision,
        ["fpr"] = c.FalsePositiveRate,
        ["tp"] = c.Tp,
        ["fp"] = c.Fp,
        ["fn"] = c.Fn,
        ["tn"] = c.Tn,
        ["events"] = c.Events,
        ["events_detected"] = c.EventsDetected,
        ["false_events"] = c.FalseEvents,
    };

    private JsonObject OverallFigures()
    {
        var json = Figures(Overall);
        json["range_note"] = "vus_pr and range_auc_pr: mean over files with a labelled event, each with its own sliding window";
        if (Worst() is { } worst)
        {
            json["fpr_worst"] = new JsonObject { ["file"] = worst.Name, ["fpr"] = worst.Counts.FalsePositiveRate };
        }

        return json;
    }

    private FileResult? Worst() => Files.Count == 0 ? null : Files.MaxBy(f => f.Counts.FalsePositiveRate);

    private static double? Number(double value) => double.IsFinite(value) ? value : null;

    private static NabScores? Nab(FileResult file) => file.NabRaw?.Normalize(file.NabWindows);

    private static string F(double? value, string format = "F4") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static FileResult Sum(IReadOnlyList<FileResult> files)
    {
        var counts = files.Aggregate(default(DetectionCounts), (sum, f) => sum + f.Counts);
        var training = files.Aggregate(TimeSpan.Zero, (sum, f) => sum + f.TrainingTime);
        var scoring = files.Aggregate(TimeSpan.Zero, (sum, f) => sum + f.ScoringTime);
        HitRate? hit100 = null, hit150 = null;
        if (files.Count > 0 && files.All(f => f.HitRate100 is not null && f.HitRate150 is not null))
        {
            hit100 = new HitRate(100);
            hit150 = new HitRate(150);
            foreach (var file in files)
            {
                hit100.Add(file.HitRate100!);
                hit150.Add(file.HitRate150!);
            }
        }

        var nab = files.Count > 0 && files.All(f => f.NabRaw is not null);
        var sides = files.Where(f => f.Side is not null).Select(f => f.Side!).ToList();
        var supervised = files.Where(f => f.Supervised is not null).Select(f => f.Supervised!).ToList();
        var ceilings = files.Where(f => f.Ceiling is not null).Select(f => f.Ceiling!.Value).ToList();
        var delays = new DetectionDelays();
        foreach (var file in files)
        {
            delays.Add(file.Delays);
        }

        return new FileResult("overall", counts, training, scoring)
        {
            Affiliation = files.Aggregate(default(AffiliationScore), (sum, f) => sum + f.Affiliation),
            Delays = delays,
            Range = RangeFigures.Mean(files.Select(f => f.Range)),
            HitRate100 = hit100,
            HitRate150 = hit150,
            NabRaw = nab ? files.Aggregate(default(NabScores), (sum, f) => sum + f.NabRaw!.Value) : null,
            NabWindows = files.Sum(f => f.NabWindows),
            AlertsFired = files.Count > 0 && files.All(f => f.AlertsFired is not null) ? files.Sum(f => f.AlertsFired!.Value) : null,
            Side = sides.Count == files.Count && files.Count > 0 ? Sum(sides) : null,
            Supervised = supervised.Count > 0 ? supervised.Aggregate((a, b) => a + b) : null,
            Ceiling = ceilings.Count == files.Count && files.Count > 0 ? ceilings.Aggregate((a, b) => a + b) : null,
        };
    }
}
