using System.CommandLine;
using Spectre.Console;
using Streams.Alerting.Rules;
using Streams.Collectors.Replay.Nab;
using Streams.Collectors.Replay.Smd;
using Streams.Collectors.Simulator.Fleet;
using Streams.Collectors.Simulator.Incidents;
using Streams.Evaluation.Forecast;
using Streams.Evaluation.Runs;
using Streams.Scoring.Fleet;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Learning;
using Streams.Scoring.Series;
using Streams.Topology.Scoring;

namespace Streams.Evaluation;

/// <summary>
/// <c>streams eval smd|nab</c>: runs the scorer's models over a labelled dataset and prints
/// point-wise, point-adjusted and event-wise figures, affiliation, VUS-PR and Range-AUC-PR on the
/// continuous score, detection delays, HitRate (SMD) and the NAB score (NAB, through the live
/// scorer and the alert rules, with the per-series side detector beside it).
/// <c>streams eval forecast</c>: the forecaster's failure prediction on simulated slow failures.
/// </summary>
public static class EvalCommand
{
    public static Command Create() => Create(Console.Out, Console.Error);

    internal static Command Create(TextWriter output, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(progress);
        var dataset = new Argument<string>("dataset") { Description = "smd, nab, or forecast (simulated slow failures through the forecaster)." };
        dataset.AcceptOnlyFromAmong("smd", "nab", "forecast");
        var data = new Option<string?>("--data") { Description = "Dataset folder (SMD: train/ test/ test_label/ interpretation_label/; NAB: data/ labels/). Default: ../shared/datasets/<dataset>." };
        var machines = new Option<string?>("--machines") { Description = "SMD: comma-separated machine names to run, e.g. machine-1-2,machine-1-5." };
        var files = new Option<string?>("--files") { Description = "NAB: comma-separated substrings of the file keys to run, e.g. ec2_cpu,nyc_taxi." };
        var protocol = new Option<string>("--protocol") { Description = "SMD: live (default) replays train/ then test/ through the live scorer's retraining schedule (Scorer:Learning defaults); literature trains once on train/.", DefaultValueFactory = _ => "live" };
        protocol.AcceptOnlyFromAmong("live", "literature");
        var retrain = new Option<int?>("--retrain-every") { Description = "SMD, live protocol: retrain every N rows instead of the live default (RetrainEvery)." };
        var span = new Option<int?>("--span") { Description = "SMD, live protocol: train on the latest N rows instead of the live default (SpanWindows)." };
        var history = new Option<string>("--history") { Description = "SMD, live protocol: train (default) replays train/ as the machine's history before test/; none scores test/ from its first row, as a brand-new host (nothing, then the cold start, then its own models).", DefaultValueFactory = _ => "train" };
        history.AcceptOnlyFromAmong("train", "none");
        var noColdStart = new Option<bool>("--no-cold-start") { Description = "SMD and NAB: replay without the live cold start (Scorer:ColdStart:Enabled false): a host is judged only once its first model exists." };
        var supervised = new Option<bool>("--supervised") { Description = "SMD: also train the FastTree failure predictor on the first half of each machine's test labels and report it on the second half." };
        var servers = new Option<int>("--servers") { Description = "forecast: simulated hosts, failing and healthy.", DefaultValueFactory = _ => 80 };
        var seed = new Option<long>("--seed") { Description = "forecast: seed of the simulated fleet.", DefaultValueFactory = _ => 1 };
        var days = new Option<double>("--days") { Description = "forecast: simulated days per host.", DefaultValueFactory = _ => 14 };
        var interval = new Option<string>("--interval") { Description = "forecast: simulated collection interval (e.g. 10s, 5m); the forecaster reads hourly means either way.", DefaultValueFactory = _ => "5m" };
        var failing = new Option<double>("--failing") { Description = "forecast: share of hosts with a slow failure, 0 to 1; the others stay healthy.", DefaultValueFactory = _ => 0.5 };
        var within = new Option<string>("--within") { Description = "forecast: comma-separated horizons a prediction must fall within (the default forecast rules' 24h and 7d).", DefaultValueFactory = _ => "24h,7d" };
        var warmup = new Option<string>("--warmup") { Description = "forecast: forecasts made before the simulated hosts are this old are not scored (all start without history).", DefaultValueFactory = _ => "2d" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object (overall and files) instead of a table." };
        var command = new Command("eval", "Evaluate the anomaly models on a labelled dataset (SMD or NAB), thresholds chosen without the labels.")
        {
            dataset, data, machines, files, protocol, retrain, span, history, noColdStart, supervised, servers, seed, days, interval, failing, within, warmup, json,
        };
        command.SetAction((parse, ct) =>
        {
            var name = parse.GetRequiredValue(dataset);
            var directory = parse.GetValue(data) ?? Path.Combine("..", "shared", "datasets", name);
            var filter = (name == "smd" ? parse.GetValue(machines) : parse.GetValue(files))?
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            var asJson = parse.GetValue(json);
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(asJson ? progress : output) });

            // Redirected output defaults to 80 columns, which wraps machine and file names.
            console.Profile.Width = Math.Max(console.Profile.Width, 220);
            try
            {
                if (name == "forecast")
                {
                    var fleet = ForecastFleet(parse.GetValue(servers), parse.GetValue(seed), parse.GetValue(days), Duration(parse.GetRequiredValue(interval), "--interval"), parse.GetValue(failing));
                    var horizons = parse.GetRequiredValue(within).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(h => Duration(h, "--within")).ToList();
                    var skip = parse.GetRequiredValue(warmup) is "0" ? TimeSpan.Zero : Duration(parse.GetRequiredValue(warmup), "--warmup");
                    var forecast = RunForecast(fleet, horizons, skip, console);
                    if (asJson)
                    {
                        output.WriteLine(forecast.ToJsonString());
                    }
                    else
                    {
                        console.Write(forecast.ToTable());
                    }

                    return Task.FromResult(0);
                }

                var policy = parse.GetValue(protocol) == "literature" ? null : LivePolicy(parse.GetValue(retrain), parse.GetValue(span));
                var live = new ScoreOptions();
                live.ColdStart = live.ColdStart with { Enabled = !parse.GetValue(noColdStart) };
                var report = name == "smd"
                    ? RunSmd(directory, filter, policy, parse.GetValue(supervised), parse.GetValue(history) != "none", live.ColdStart, console, ct)
                    : RunNab(directory, filter, live, console, ct);
                if (asJson)
                {
                    output.WriteLine(report.ToJsonString());
                }
                else
                {
                    console.Write(report.ToTable());
                }

                return Task.FromResult(0);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException or System.Text.Json.JsonException)
            {
                progress.WriteLine($"streams eval: {ex.Message}");
                return Task.FromResult(2);
            }
        });
        return command;
    }

    private static TimeSpan Duration(string text, string option) =>
        DurationText.TryParse(text, out var duration) && duration > TimeSpan.Zero
            ? duration
            : throw new ArgumentException($"{option}: '{text}' is not a positive duration such as 30s, 5m, 24h or 7d.");

    /// <summary>The simulated fleet: slow failures only, on a Monday midnight start so every run sees whole weeks.</summary>
    internal static FleetOptions ForecastFleet(int servers, long seed, double days, TimeSpan interval, double failing)
    {
        if (!(days > 0) || double.IsInfinity(days))
        {
            throw new ArgumentException($"--days is {days}; it must be a positive number.");
        }

        var fleet = new FleetOptions
        {
            Servers = servers,
            Seed = seed,
            Interval = interval,
            Ticks = (int)Math.Min(int.MaxValue, TimeSpan.FromDays(days) / interval),
            IncidentFraction = failing,
            Kinds = IncidentKinds.Slow,
        };
        fleet.Validate();
        return fleet;
    }

    private static ForecastReport RunForecast(FleetOptions fleet, IReadOnlyList<TimeSpan> horizons, TimeSpan warmup, IAnsiConsole console)
    {
        ForecastReport? report = null;
        console.Progress().Start(context =>
        {
            var task = context.AddTask("forecasting", maxValue: 1);
            report = ForecastEvaluation.Run(fleet, new Forecaster.ForecasterOptions(), horizons, warmup, done => task.Value = done);
        });
        return report!;
    }

    // The live scorer's schedule, with the cadence or span overridden for experiments.
    private static RetrainPolicy LivePolicy(int? retrainEvery, int? span)
    {
        var policy = new RetrainPolicy();
        policy = policy with { RetrainEvery = retrainEvery ?? policy.RetrainEvery, SpanWindows = span ?? policy.SpanWindows };
        policy.Validate();
        return policy;
    }

    private static EvalReport RunSmd(string directory, string[] filter, RetrainPolicy? policy, bool supervised, bool history, ColdStartOptions coldStart, IAnsiConsole console, CancellationToken ct)
    {
        if (!history && (policy is null || supervised))
        {
            throw new ArgumentException("--history none runs with the live protocol only, and not with --supervised (both need a model from test/'s first row).");
        }

        var names = SmdReader.Machines(directory);
        var chosen = filter.Length == 0 ? names : [.. names.Where(filter.Contains)];
        var missing = filter.Except(names).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"No such machine in {directory}: {string.Join(", ", missing)}.");
        }

        var options = new HostDetectorOptions();
        var results = Progress(console, chosen, machine => SmdEvaluation.Run(SmdReader.Load(directory, machine), options, policy, supervised, coldStart, history), ct);
        return new EvalReport("smd", results);
    }

    private static EvalReport RunNab(string directory, string[] filter, ScoreOptions live, IAnsiConsole console, CancellationToken ct)
    {
        var keys = NabReader.Keys(directory);
        var chosen = filter.Length == 0 ? keys : [.. keys.Where(k => filter.Any(f => k.Contains(f, StringComparison.OrdinalIgnoreCase)))];
        if (chosen.Count == 0)
        {
            throw new ArgumentException($"No NAB file in {directory} matches {string.Join(", ", filter)}.");
        }

        var windows = NabReader.Windows(directory);
        var series = new SeriesDetectorOptions();
        var results = Progress(console, chosen, key => NabEvaluation.Run(NabReader.Load(directory, key, windows), live, series), ct);
        return new EvalReport("nab", results);
    }

    private static List<FileResult> Progress(IAnsiConsole console, IReadOnlyList<string> items, Func<string, FileResult> run, CancellationToken ct)
    {
        var results = new List<FileResult>();
        console.Progress().Start(context =>
        {
            var task = context.AddTask("evaluating", maxValue: items.Count);
            foreach (var item in items)
            {
                ct.ThrowIfCancellationRequested();
                task.Description = Markup.Escape(item);
                results.Add(run(item));
                task.Increment(1);
            }
        });
        return results;
    }
}
