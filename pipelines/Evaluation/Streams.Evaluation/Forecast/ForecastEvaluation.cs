using System.Diagnostics;
using Streams.Alerting.Rules;
using Streams.Collectors.Simulator.Fleet;
using Streams.Collectors.Simulator.Incidents;
using Streams.Evaluation.Metrics;
using Streams.Forecaster;
using Streams.Forecaster.Cycle;
using Streams.Forecasting.Models;

namespace Streams.Evaluation.Forecast;

/// <summary>
/// <c>streams eval forecast</c>: a simulated fleet with slow failures and healthy hosts, generated
/// offline, rolled up hourly, forecast by the forecaster role's own cycle at its cadence, then
/// scored per failure kind: recall, precision and lead time of the alerts a forecast rule "exhausted
/// within H" raises on the kind's resource, for each horizon, and the error of the forecasts made
/// during each failure's build-up against the naive (last value) and least-squares line
/// (<c>predict_linear</c> over the same history) forecasts.
/// </summary>
internal static class ForecastEvaluation
{
    /// <summary>The resource each slow failure exhausts, as the forecaster's default resources name it (a failing disk's service time for degrading hardware).</summary>
    internal static IReadOnlyDictionary<IncidentKind, string> Resource { get; } = new Dictionary<IncidentKind, string>
    {
        [IncidentKind.DiskExhaustion] = "fs.used.percent",
        [IncidentKind.MemoryExhaustion] = "mem.used.percent",
        [IncidentKind.HardwareFailure] = "disk.svc",
        [IncidentKind.CapacitySaturation] = "cpu.util",
    };

    /// <summary>
    /// The forecast rule that judges <paramref name="metric"/> at <paramref name="horizon"/>: the default
    /// rule on that metric with that horizon; else the default forecast rule with that horizon (a
    /// filesystem's) aimed at the metric, with its bound, for-duration and hysteresis; else one with no
    /// hysteresis. So a resource without a default rule is judged as the defaults judge a filesystem.
    /// </summary>
    internal static AlertRule RuleFor(string metric, TimeSpan horizon)
    {
        var defaults = DefaultRules.All.Where(r => r.Kind == RuleKind.Forecast && r.Forecast!.Horizon == horizon).ToList();
        var template = defaults.FirstOrDefault(r => r.Forecast!.Metric == metric) ?? defaults.FirstOrDefault()
            ?? new AlertRule { Kind = RuleKind.Forecast, Forecast = new() { Horizon = horizon } };
        return template with
        {
            Id = $"{metric} within {DurationText.Format(horizon)}",
            Forecast = template.Forecast! with { Metric = metric, Series = null, Limit = null },
        };
    }

    /// <param name="warmup">
    /// Cycles before the run is this old are not scored: every simulated host starts with no history,
    /// where the role fits a line to its first hours (a day's rise looks like a trend), which a fleet
    /// of hosts running for weeks sees only on a new host. Failures all fall later (see the planner).
    /// </param>
    public static ForecastReport Run(FleetOptions fleetOptions, ForecasterOptions forecasterOptions, IReadOnlyList<TimeSpan> horizons, TimeSpan warmup, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(fleetOptions);
        ArgumentNullException.ThrowIfNull(forecasterOptions);
        ArgumentNullException.ThrowIfNull(horizons);
        var watch = Stopwatch.StartNew();
        var cycle = new ForecastCycle(forecasterOptions);
        var fleet = SimulatedFleet.Generate(fleetOptions, [.. cycle.Metrics]);
        var generated = watch.Elapsed;

        var failures = fleet.Labels
            .Select(l => (Label: l, Kind: Enum.Parse<IncidentKind>(l.Kind)))
            .Where(f => f.Label.FailureAt is not null && IncidentKinds.IsSlow(f.Kind))
            .ToList();
        var history = fleet.Hosts.SelectMany(h => h).ToDictionary(h => (h.Host, h.Series));

        var resources = Resource.Values.Distinct(StringComparer.Ordinal).ToList();
        var rules = horizons.SelectMany(h => resources.Select(m => (Metric: m, Horizon: h, Rule: RuleFor(m, h)))).ToList();
        var alerts = new ForecastRuleReplay([.. rules.Select(r => r.Rule)]);
        var scored = 0;
        var errors = failures.Select(f => f.Kind).Distinct().ToDictionary(k => k, _ => new ErrorSamples());
        var first = fleet.Start + (ForecastCycle.SeriesStep * 2);
        var total = Math.Max(1, (fleet.End - first) / forecasterOptions.Cadence);
        foreach (var forecast in ForecastReplay.Run(fleet.Hosts, forecasterOptions, first, fleet.End))
        {
            var record = forecast.Record;
            var at = new DateTimeOffset(record.generatedAt, TimeSpan.Zero);
            if (at >= fleet.Start + warmup)
            {
                alerts.Observe(record);
                scored++;
            }

            progress?.Invoke((at - first) / forecasterOptions.Cadence / total);

            var building = failures.FirstOrDefault(f => f.Label.Host == record.host && Resource[f.Kind] == record.metric && at >= f.Label.Start && at < f.Label.FailureAt);
            if (building.Label is not null)
            {
                errors[building.Kind].Add(forecast, history[(record.host, record.series)], building.Label.FailureAt!.Value);
            }
        }

        var healthy = fleet.Hosts.Select(h => h[0].Host).Except(fleet.Labels.Select(l => l.Host), StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var rows = new List<ForecastReportRow>();
        foreach (var kind in IncidentKinds.Slow)
        {
            var kindFailures = failures.Where(f => f.Kind == kind).Select(f => new LabelledFailure(f.Label.Host, kind.ToString(), f.Label.FailureAt!.Value)).ToList();
            var resource = Resource[kind];
            foreach (var horizon in horizons)
            {
                var episodes = alerts.Episodes(rules.Single(r => r.Metric == resource && r.Horizon == horizon).Rule.Id);
                rows.Add(new ForecastReportRow(kind.ToString(), resource, horizon, FailurePrediction.Score(kindFailures, episodes, horizon, healthy), errors.GetValueOrDefault(kind)?.Summary()));
            }
        }

        var all = failures.Select(f => new LabelledFailure(f.Label.Host, f.Kind.ToString(), f.Label.FailureAt!.Value)).ToList();
        foreach (var horizon in horizons)
        {
            var episodes = rules.Where(r => r.Horizon == horizon).SelectMany(r => alerts.Episodes(r.Rule.Id)).ToList();
            rows.Add(new ForecastReportRow("all", null, horizon, FailurePrediction.Score(all, episodes, horizon, healthy), null));
        }

        return new ForecastReport(fleetOptions, forecasterOptions, warmup, fleet.Hosts.Count, healthy.Count, scored, rows, generated, watch.Elapsed);
    }

    /// <summary>Per-forecast errors of one kind's build-up, for the chosen model and the two baselines.</summary>
    private sealed class ErrorSamples
    {
        private readonly List<double> modelMase = [];
        private readonly List<double> naiveMase = [];
        private readonly List<double> lineMase = [];
        private readonly List<double> modelSmape = [];
        private readonly List<double> naiveSmape = [];
        private readonly List<double> lineSmape = [];

        public void Add(ForecastCase forecast, SeriesHistory full, DateTimeOffset failure)
        {
            var record = forecast.Record;
            var values = forecast.History.Values;
            var origin = new DateTimeOffset(record.origin, TimeSpan.Zero);
            var last = (int)((origin - values.Start) / values.Step);
            var line = LinearFit.Fit(values.Values);
            var actual = new List<double>();
            var model = new List<double>();
            var linear = new List<double>();
            for (var h = 1; h <= record.points.Count; h++)
            {
                var at = origin + (values.Step * h);
                var index = (int)((at - full.Values.Start) / full.Values.Step);
                if (at >= failure || index >= full.Values.Count)
                {
                    break;
                }

                actual.Add(full.Values.Values[index]);
                model.Add(record.points[h - 1].expected);
                linear.Add(line.Predict(last + h));
            }

            var scale = ForecastError.NaiveScale(values.Values);
            if (actual.Count == 0 || !(scale > 0))
            {
                return;
            }

            var naive = Enumerable.Repeat(record.lastValue, actual.Count).ToArray();
            modelMase.Add(ForecastError.Mase([.. actual], [.. model], scale));
            naiveMase.Add(ForecastError.Mase([.. actual], naive, scale));
            lineMase.Add(ForecastError.Mase([.. actual], [.. linear], scale));
            modelSmape.Add(ForecastError.Smape([.. actual], [.. model]));
            naiveSmape.Add(ForecastError.Smape([.. actual], naive));
            lineSmape.Add(ForecastError.Smape([.. actual], [.. linear]));
        }

        public ForecastErrors Summary() => new(
            modelMase.Count,
            Median(modelMase), Median(naiveMase), Median(lineMase),
            Mean(modelSmape), Mean(naiveSmape), Mean(lineSmape));

        private static double Median(List<double> values) => DetectionDelays.Percentile(values.Where(double.IsFinite), 50);

        private static double Mean(List<double> values) => values.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average();
    }
}
