using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Streams.Alerting.Rules;
using Streams.Collectors.Simulator.Fleet;
using Streams.Forecaster;

namespace Streams.Evaluation.Forecast;

/// <summary>The figures of one <c>streams eval forecast</c> run, as a table or as JSON.</summary>
internal sealed record ForecastReport(
    FleetOptions Fleet,
    ForecasterOptions Forecaster,
    TimeSpan Warmup,
    int Hosts,
    int HealthyHosts,
    int Forecasts,
    IReadOnlyList<ForecastReportRow> Rows,
    TimeSpan Generation,
    TimeSpan Elapsed)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public string Description =>
        $"{Hosts} simulated hosts ({HealthyHosts} healthy), {Duration(Fleet.Interval * Fleet.Ticks)} at a {Duration(Fleet.Interval)} interval, seed {Fleet.Seed}; " +
        $"forecaster cycle every {Duration(Forecaster.Cadence)}, horizon {Duration(Forecaster.Horizon)}, history {Duration(Forecaster.HistorySpan)}: {Forecasts:N0} forecasts scored after a {Duration(Warmup)} warm-up; " +
        $"generated in {Generation.TotalSeconds:F1} s, all in {Elapsed.TotalSeconds:F1} s";

    public JsonObject ToJson()
    {
        var rows = new JsonArray();
        foreach (var row in Rows)
        {
            var p = row.Prediction;
            var json = new JsonObject
            {
                ["kind"] = row.Kind,
                ["resource"] = row.Resource,
                ["horizon"] = DurationText.Format(row.Horizon),
                ["failures"] = p.Failures,
                ["predicted"] = p.Predicted,
                ["recall"] = Number(p.Recall),
                ["predictions"] = p.Predictions,
                ["true_predictions"] = p.TruePredictions,
                ["predictions_on_healthy_hosts"] = p.OnHealthyHosts,
                ["precision"] = Number(p.Precision),
                ["lead_median_s"] = Number(p.MedianLead?.TotalSeconds),
                ["lead_p10_s"] = Number(p.P10Lead?.TotalSeconds),
            };
            if (row.Errors is { } e)
            {
                json["error_forecasts"] = e.Forecasts;
                json["mase_median"] = new JsonObject { ["model"] = Number(e.ModelMase), ["naive"] = Number(e.NaiveMase), ["linear"] = Number(e.LinearMase) };
                json["smape_mean"] = new JsonObject { ["model"] = Number(e.ModelSmape), ["naive"] = Number(e.NaiveSmape), ["linear"] = Number(e.LinearSmape) };
            }

            rows.Add(json);
        }

        return new JsonObject
        {
            ["dataset"] = "forecast",
            ["description"] = Description,
            ["hosts"] = Hosts,
            ["healthy_hosts"] = HealthyHosts,
            ["forecasts"] = Forecasts,
            ["seconds"] = Math.Round(Elapsed.TotalSeconds, 1),
            ["rows"] = rows,
        };
    }

    public string ToJsonString() => ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public Table ToTable()
    {
        var table = new Table().Title("streams eval forecast").Caption(Markup.Escape(
            Description + ". A prediction: an alert of the default forecast rule of the horizon on the kind's resource (for-duration, hysteresis); lead median/p10 over predicted failures; " +
            "MASE median and sMAPE mean of the forecasts made during each build-up, up to the failure: model / naive last value / least-squares line"));
        foreach (var column in new[] { "kind", "resource", "within", "failures", "recall", "predictions (on healthy)", "precision", "lead median", "lead p10", "MASE", "sMAPE" })
        {
            table.AddColumn(column);
        }

        foreach (var row in Rows)
        {
            var p = row.Prediction;
            var e = row.Errors;
            table.AddRow(
                row.Kind,
                Markup.Escape(row.Resource ?? (row.Kind == "all" ? "any" : "none")),
                DurationText.Format(row.Horizon),
                p.Failures.ToString(Invariant),
                $"{F(p.Recall)} ({p.Predicted})",
                $"{p.Predictions} ({p.OnHealthyHosts})",
                F(p.Precision),
                p.MedianLead is { } median ? DurationText.Format(Round(median)) : "-",
                p.P10Lead is { } p10 ? DurationText.Format(Round(p10)) : "-",
                e is null ? "-" : $"{F(e.ModelMase, "0.00")} / {F(e.NaiveMase, "0.00")} / {F(e.LinearMase, "0.00")}",
                e is null ? "-" : $"{F(e.ModelSmape * 100, "0.0")} / {F(e.NaiveSmape * 100, "0.0")} / {F(e.LinearSmape * 100, "0.0")} %");
        }

        return table;
    }

    private static TimeSpan Round(TimeSpan value) => TimeSpan.FromMinutes(Math.Round(value.TotalMinutes));

    private static string Duration(TimeSpan value) => DurationText.Format(value);

    private static string F(double value, string format = "0.000") => double.IsFinite(value) ? value.ToString(format, Invariant) : "-";

    private static JsonValue? Number(double? value) => value is { } v && double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 4)) : null;
}
