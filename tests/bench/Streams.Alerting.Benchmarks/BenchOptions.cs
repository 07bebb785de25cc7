using System.Globalization;

namespace Streams.Alerting.Benchmarks;

/// <summary>
/// The harness's own options (<c>--servers --count --rate --warmup --noise --timeout --short --smoke</c>);
/// every other <c>--Section:Key=value</c> is handed to the roles' configuration, so a setting
/// (e.g. <c>--Alerting:CommitIntervalMs=100</c>, <c>--Notifier:TickInterval=00:00:00.050</c>) is
/// measured without a rebuild.
/// </summary>
internal sealed class BenchOptions
{
    public int Servers { get; private set; } = 1_000;

    public int Count { get; private set; } = 300;

    public double Rate { get; private set; } = 5;

    public int Warmup { get; private set; } = 20;

    /// <summary>Background anomalies per second that no rule matches (INFO severity).</summary>
    public double Noise { get; private set; } = 2;

    /// <summary>A measured anomaly whose webhook has not arrived this long after it was produced is lost.</summary>
    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(30);

    public bool Short { get; private set; }

    /// <summary>A few seconds at tiny sizes for infra/test.sh: every measured anomaly must arrive, else the exit code is 1.</summary>
    public bool Smoke { get; private set; }

    /// <summary>Experiment: run <see cref="TunedAlerting"/> with this fetch.wait.max.ms instead of the alerting role.</summary>
    public int? ExperimentFetchWaitMs { get; private set; }

    /// <summary>Experiment: linger.ms of <see cref="TunedAlerting"/>'s producer (librdkafka's 5 ms otherwise).</summary>
    public int? ExperimentLingerMs { get; private set; }

    /// <summary>Experiment: Streamiz' poll.ms in <see cref="TunedAlerting"/> (100 ms otherwise).</summary>
    public int? ExperimentPollMs { get; private set; }

    public TunedSettings? Experiment => ExperimentFetchWaitMs is { } fetchWait
        ? new TunedSettings(fetchWait, ExperimentLingerMs, ExperimentPollMs)
        : ExperimentLingerMs is null && ExperimentPollMs is null ? null : throw new ArgumentException("--experiment-linger-ms and --experiment-poll-ms need --experiment-fetch-wait-ms");

    /// <summary>Settings for the roles, as <c>Section:Key</c> pairs.</summary>
    public Dictionary<string, string?> RoleSettings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            string? value = null;
            if (name.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (name == "short")
            {
                options.Short = true;
                options.Servers = 200;
                options.Count = 30;
                options.Warmup = 3;
                continue;
            }

            if (name == "smoke")
            {
                options.Smoke = true;
                options.Servers = 50;
                options.Count = 5;
                options.Warmup = 1;
                options.Rate = 10;
                options.Noise = 1;
                continue;
            }

            value ??= i + 1 < args.Length ? args[++i] : throw new ArgumentException($"--{name} needs a value");
            switch (name)
            {
                case "servers": options.Servers = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "count": options.Count = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "rate": options.Rate = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "warmup": options.Warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "noise": options.Noise = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "experiment-fetch-wait-ms": options.ExperimentFetchWaitMs = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "experiment-poll-ms": options.ExperimentPollMs = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "experiment-linger-ms": options.ExperimentLingerMs = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "timeout": options.Timeout = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)); break;
                case var setting when setting.Contains(':', StringComparison.Ordinal): options.RoleSettings[setting] = value; break;
                default: throw new ArgumentException($"unknown option --{name}");
            }
        }

        if (options.Servers < 1 || options.Count < 1 || options.Rate <= 0 || options.Warmup < 0 || options.Noise < 0)
        {
            throw new ArgumentException("--servers and --count must be at least 1, --rate positive, --warmup and --noise not negative");
        }

        return options;
    }
}
