using io.streams.avro;
using Streams.Collectors.Simulator.Fleet;
using Streams.Collectors.Simulator.Incidents;
using Streams.Collectors.Simulator.Series;

namespace Streams.Collectors.Simulator.Tests;

public sealed class FleetGeneratorTests
{
    private static readonly int Width = FleetGenerator.ValuesPerServer;

    // A Wednesday noon: interactive roles busy, batch quiet.
    private static FleetOptions Options(long seed, int servers = 200, int ticks = 60, double incidents = 1.0) => new()
    {
        Servers = servers,
        Seed = seed,
        Start = new DateTimeOffset(2026, 1, 7, 12, 0, 0, TimeSpan.Zero),
        Interval = TimeSpan.FromMinutes(1),
        Ticks = ticks,
        IncidentFraction = incidents,
    };

    /// <summary>values[tick][server * Width + series], and every log line.</summary>
    private static (double[][] Values, List<(int Tick, SimulatedLog Log)> Logs) Run(FleetGenerator generator, int chunk)
    {
        var options = generator.Options;
        var values = new double[options.Ticks][];
        var logs = new List<(int, SimulatedLog)>();
        var buffer = new List<SimulatedLog>();
        for (var tick = 0; tick < options.Ticks; tick++)
        {
            values[tick] = new double[options.Servers * Width];
            for (var first = 0; first < options.Servers; first += chunk)
            {
                var count = Math.Min(chunk, options.Servers - first);
                buffer.Clear();
                generator.Generate(tick, first, count, values[tick].AsSpan(first * Width, count * Width), buffer);
                logs.AddRange(buffer.Select(l => (tick, l)));
            }
        }

        return (values, logs);
    }

    private static double Value(double[][] values, int tick, int server, SeriesId series) => values[tick][(server * Width) + (int)series];

    [Fact]
    public void Generate_SameSeed_GivesIdenticalSamplesLogsAndLabels()
    {
        var a = new FleetGenerator(Options(seed: 42));
        var b = new FleetGenerator(Options(seed: 42));

        var (valuesA, logsA) = Run(a, chunk: 1000);
        var (valuesB, logsB) = Run(b, chunk: 1000);

        Assert.Equal(a.Servers, b.Servers);
        Assert.Equal(a.Labels, b.Labels, (x, y) => x.ToJson() == y.ToJson());
        for (var tick = 0; tick < valuesA.Length; tick++)
        {
            Assert.Equal(valuesA[tick], valuesB[tick]);
        }

        Assert.Equal(logsA, logsB);
        Assert.NotEmpty(logsA);
    }

    [Fact]
    public void Generate_DifferentSeed_GivesDifferentFleet()
    {
        var (valuesA, _) = Run(new FleetGenerator(Options(seed: 1)), chunk: 1000);
        var (valuesB, _) = Run(new FleetGenerator(Options(seed: 2)), chunk: 1000);

        Assert.NotEqual(valuesA[10], valuesB[10]);
    }

    [Fact]
    public void Generate_AnyChunking_GivesTheSameValues()
    {
        var (whole, wholeLogs) = Run(new FleetGenerator(Options(seed: 7)), chunk: 1000);
        var (pieces, pieceLogs) = Run(new FleetGenerator(Options(seed: 7)), chunk: 13);

        for (var tick = 0; tick < whole.Length; tick++)
        {
            Assert.Equal(whole[tick], pieces[tick]);
        }

        Assert.Equal(wholeLogs, pieceLogs);
    }

    [Fact]
    public void Generate_RoundOutOfOrder_Throws()
    {
        var generator = new FleetGenerator(Options(seed: 1, servers: 2));
        var values = new double[2 * Width];

        var ex = Assert.Throws<InvalidOperationException>(() => generator.Generate(1, 0, 2, values, []));
        Assert.Contains("in order", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TooManyServers_ThrowsWithTheLimit()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new FleetGenerator(Options(seed: 1, servers: FleetOptions.MaxServers + 1)));
        Assert.Contains("100,000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_CpuLoadAndNetwork_AreCorrelated()
    {
        var generator = new FleetGenerator(Options(seed: 3, servers: 50, ticks: 24 * 60, incidents: 0));
        var (values, _) = Run(generator, chunk: 1000);
        var web = Enumerable.Range(0, 50).First(s => generator.Servers[s].Role == ServerRole.Web);

        var cpu = values.Select(v => v[(web * Width) + (int)SeriesId.CpuUtil]).ToArray();
        var rx = values.Select(v => v[(web * Width) + (int)SeriesId.NetRxBytes]).ToArray();
        var load = values.Select(v => v[(web * Width) + (int)SeriesId.Load5]).ToArray();

        Assert.True(Correlation(cpu, rx) > 0.8, $"cpu~rx correlation {Correlation(cpu, rx):F2}");
        Assert.True(Correlation(cpu, load) > 0.8, $"cpu~load correlation {Correlation(cpu, load):F2}");
        // Daily seasonality: the afternoon peak (16:00 UTC+offset) is far above the night trough.
        Assert.True(cpu.Max() > 2 * cpu.Min(), $"cpu range {cpu.Min():F1}..{cpu.Max():F1}");
    }

    [Fact]
    public void Labels_EveryIncidentHasOneLabelInsideTheRun()
    {
        var generator = new FleetGenerator(Options(seed: 5, servers: 300, ticks: 100, incidents: 0.5));
        var options = generator.Options;
        var end = options.Start + (options.Interval * options.Ticks);

        Assert.InRange(generator.Labels.Count, 100, 200);
        Assert.Equal(generator.Labels.Count, generator.Labels.Select(l => l.Host).Distinct().Count());
        Assert.All(generator.Labels, l =>
        {
            Assert.True(l.Start > options.Start && l.End <= end && l.End - l.Start >= options.Interval * 3, $"{l.Id} spans {l.Start}..{l.End}");
            Assert.Contains(l.Host, generator.Servers.Select(s => s.Host));
        });
        Assert.Equal(IncidentKinds.Fast.Select(k => k.ToString()).Order(), generator.Labels.Select(l => l.Kind).Distinct().Order());
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("slow")]
    public void Labels_IncidentsAfter_NoIncidentStartsBeforeItAndTheOthersAreUnchanged(string kinds)
    {
        var plain = new FleetGenerator(Options(seed: 5, servers: 300, ticks: 150, incidents: 0.5) with { Kinds = IncidentKinds.Parse(kinds) });
        var after = new FleetGenerator(plain.Options with { IncidentsAfter = TimeSpan.FromMinutes(72) });
        var notBefore = plain.Options.Start + TimeSpan.FromMinutes(72);
        var end = plain.Options.Start + (plain.Options.Interval * plain.Options.Ticks);

        // The same servers hit by the same kinds: only the moments move.
        Assert.Equal(plain.Labels.Select(l => (l.Host, l.Kind)), after.Labels.Select(l => (l.Host, l.Kind)));
        Assert.Contains(plain.Labels, l => l.Start < notBefore);
        Assert.All(after.Labels, l => Assert.True(l.Start >= notBefore && l.End <= end && l.End > l.Start, $"{l.Id} spans {l.Start}..{l.End}"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(143)]
    public void Validate_IncidentsAfterOutOfTheRun_Throws(int minutes)
    {
        var options = Options(seed: 5, ticks: 150) with { IncidentsAfter = TimeSpan.FromMinutes(minutes) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(nameof(FleetOptions.IncidentsAfter), error.ParamName);
    }

    [Fact]
    public void Generate_CpuSaturation_RaisesCpuAndLoadDuringTheLabelledInterval()
    {
        var (generator, values, _) = Scenario(IncidentKind.CpuSaturation);

        var rises = new List<double>();
        foreach (var (server, start, end) in Incidents(generator, IncidentKind.CpuSaturation))
        {
            var before = Mean(values, start - 5, start, server, SeriesId.CpuUtil);
            var during = Mean(values, start + 1, end, server, SeriesId.CpuUtil);
            Assert.True(during > 90 && during > before, $"server {server}: cpu before {before:F1}, during {during:F1}");
            Assert.True(Value(values, end - 1, server, SeriesId.Load1) > Value(values, start - 1, server, SeriesId.Load1) * 1.5);
            rises.Add(during - before);
        }

        Assert.True(rises.Average() > 30, $"mean rise {rises.Average():F1} points");
    }

    [Fact]
    public void Generate_MemoryLeak_GrowsUsedMemoryUntilSwapping()
    {
        var (generator, values, _) = Scenario(IncidentKind.MemoryLeak);

        foreach (var (server, start, end) in Incidents(generator, IncidentKind.MemoryLeak))
        {
            var total = Value(values, start, server, SeriesId.MemTotal);
            var before = Value(values, start - 1, server, SeriesId.MemUsed);
            var last = Value(values, end - 1, server, SeriesId.MemUsed);
            Assert.True(last > before + (0.08 * total) && last > 0.95 * total, $"server {server}: used {before / total:P0} → {last / total:P0}");
            Assert.True(Value(values, end - 1, server, SeriesId.SwapOut) > 0);
            Assert.Equal(0, Value(values, start - 1, server, SeriesId.SwapOut));
        }
    }

    [Fact]
    public void Generate_DiskFilling_FillsTheFilesystem()
    {
        var (generator, values, logs) = Scenario(IncidentKind.DiskFilling);

        foreach (var (server, start, end) in Incidents(generator, IncidentKind.DiskFilling))
        {
            Assert.True(Value(values, end - 1, server, SeriesId.FsUsed) > 98);
            Assert.True(Value(values, start - 1, server, SeriesId.FsUsed) < 80);
            Assert.Contains(logs, l => l.Log.Server == server && l.Log.Message.Contains("No space left", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Generate_NetworkFlood_MultipliesInboundPackets()
    {
        var (generator, values, _) = Scenario(IncidentKind.NetworkFlood);

        foreach (var (server, start, end) in Incidents(generator, IncidentKind.NetworkFlood))
        {
            Assert.True(Mean(values, start + 1, end, server, SeriesId.NetRxPackets) > 10 * Mean(values, start - 5, start, server, SeriesId.NetRxPackets));
            Assert.True(Mean(values, start + 1, end, server, SeriesId.UdpReceiveBufferErrors) > 0);
        }
    }

    [Fact]
    public void Generate_CrashedProcess_DropsTrafficAndLogsTheCrash()
    {
        var (generator, values, logs) = Scenario(IncidentKind.CrashedProcess);

        foreach (var (server, start, end) in Incidents(generator, IncidentKind.CrashedProcess))
        {
            Assert.True(Mean(values, start, end, server, SeriesId.TcpEstablished) < 0.1 * Mean(values, start - 5, start, server, SeriesId.TcpEstablished));
            Assert.Contains(logs, l => l.Tick == start && l.Log.Server == server && l.Log.Severity == LogSeverity.CRITICAL);
        }
    }

    [Fact]
    public void Generate_HardwareDegradation_SlowsTheDiskThenGoesSilent()
    {
        var (generator, values, _) = Scenario(IncidentKind.HardwareDegradation);

        foreach (var (server, start, end) in Incidents(generator, IncidentKind.HardwareDegradation))
        {
            Assert.True(Value(values, end - 1, server, SeriesId.DiskServiceTime) > 5 * Value(values, start - 1, server, SeriesId.DiskServiceTime));
            Assert.False(double.IsNaN(Value(values, end - 1, server, SeriesId.CpuUtil)));
            for (var tick = end; tick < values.Length; tick++)
            {
                Assert.True(double.IsNaN(Value(values, tick, server, SeriesId.CpuUtil)), $"server {server} reports at {tick} after failing at {end}");
            }
        }
    }

    [Fact]
    public void Generate_LogErrorBurst_ErrorsOnlyInsideTheLabelledInterval()
    {
        var (generator, _, logs) = Scenario(IncidentKind.LogErrorBurst);

        foreach (var (server, start, end) in Incidents(generator, IncidentKind.LogErrorBurst))
        {
            var errors = logs.Where(l => l.Log.Server == server && l.Log.Severity == LogSeverity.ERROR).ToList();
            Assert.True(errors.Count >= 5 * (end - start));
            Assert.All(errors, e => Assert.InRange(e.Tick, start, end - 1));
        }
    }

    [Fact]
    public void TagsFor_CarriesRoleDatacenterAndSeriesDimensions()
    {
        var generator = new FleetGenerator(Options(seed: 1, servers: 10));
        var nic = SeriesCatalogue.All.ToList().FindIndex(s => s.Metric == "net.rx.bytes");

        var tags = generator.TagsFor(3, nic);

        Assert.Equal(generator.Servers[3].Role.ToString().ToLowerInvariant(), tags["role"]);
        Assert.Equal(generator.Servers[3].Datacenter, tags["dc"]);
        Assert.Equal("eth1", tags["interface"]);
    }

    private static (FleetGenerator Generator, double[][] Values, List<(int Tick, SimulatedLog Log)> Logs) Scenario(IncidentKind kind)
    {
        var generator = new FleetGenerator(Options(seed: 11, servers: 400, ticks: 80));
        Assert.Contains(generator.Labels, l => l.Kind == kind.ToString());
        var (values, logs) = Run(generator, chunk: 1000);
        return (generator, values, logs);
    }

    /// <summary>Server index, start tick and end tick of every labelled incident of a kind with room before it.</summary>
    private static List<(int Server, int Start, int End)> Incidents(FleetGenerator generator, IncidentKind kind)
    {
        var options = generator.Options;
        var found = generator.Labels
            .Where(l => l.Kind == kind.ToString())
            .Select(l => (
                Server: generator.Servers.ToList().FindIndex(s => s.Host == l.Host),
                Start: (int)((l.Start - options.Start) / options.Interval),
                End: (int)((l.End - options.Start) / options.Interval)))
            .Where(i => i.Start >= 5)
            .ToList();
        Assert.NotEmpty(found);
        return found;
    }

    private static double Mean(double[][] values, int from, int to, int server, SeriesId series) =>
        Enumerable.Range(from, to - from).Average(t => Value(values, t, server, series));

    private static double Correlation(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        var cov = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        return cov / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
    }
}
