using System.Globalization;

namespace Streams.Fleet.Benchmarks;

/// <summary>The harness's options; see Program.cs for their meaning and defaults.</summary>
internal sealed class FleetBenchOptions
{
    public IReadOnlyList<int> Sizes { get; private set; } = [1_000, 2_000, 5_000, 10_000];

    /// <summary>How long the simulator runs at each size.</summary>
    public TimeSpan Duration { get; private set; } = TimeSpan.FromMinutes(5);

    /// <summary>The start of each run left out of the figures (JIT, group joins, the first windows).</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(30);

    /// <summary>After the simulator stops, how long every stage may take to catch up.</summary>
    public TimeSpan Drain { get; private set; } = TimeSpan.FromSeconds(30);

    public int Probes { get; private set; } = 30;

    public bool Peer { get; private set; } = true;

    public bool Smoke { get; private set; }

    public string Json { get; private set; } = "fleet-bench.json";

    public string? Streams { get; private set; }

    public static FleetBenchOptions Parse(string[] args)
    {
        var options = new FleetBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--sizes": options.Sizes = [.. Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]; break;
                case "--duration": options.Duration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--warmup": options.Warmup = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--drain": options.Drain = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)); break;
                case "--probes": options.Probes = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--no-peer": options.Peer = false; break;
                case "--json": options.Json = Value(); break;
                case "--streams": options.Streams = Value(); break;
                case "--smoke":
                    options.Smoke = true;
                    options.Sizes = [20];
                    options.Duration = TimeSpan.FromSeconds(20);
                    options.Warmup = TimeSpan.FromSeconds(3);
                    options.Drain = TimeSpan.FromSeconds(30);
                    options.Probes = 3;
                    options.Json = Path.Combine(Path.GetTempPath(), $"fleet-bench-smoke-{Environment.ProcessId}.json");
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if (options.Sizes.Count == 0 || options.Sizes.Any(s => s < 1) || options.Duration <= options.Warmup || options.Probes < 0)
        {
            throw new ArgumentException("--sizes must be positive, --duration longer than --warmup, --probes not negative");
        }

        return options;
    }
}
