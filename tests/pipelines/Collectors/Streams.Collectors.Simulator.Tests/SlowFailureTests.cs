using io.streams.avro;
using Streams.Collectors.Simulator.Fleet;
using Streams.Collectors.Simulator.Incidents;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Series;

namespace Streams.Collectors.Simulator.Tests;

public sealed class SlowFailureTests
{
    private static readonly int Width = FleetGenerator.ValuesPerServer;

    // A week at a 15-minute interval: slow failures build up over hours to days.
    private static readonly FleetOptions Week = new()
    {
        Servers = 60,
        Seed = 3,
        Start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero),
        Interval = TimeSpan.FromMinutes(15),
        Ticks = 7 * 24 * 4,
        IncidentFraction = 1,
        Kinds = IncidentKinds.Slow,
    };

    private static readonly Lazy<(FleetGenerator Generator, double[][] Values, List<(int Tick, SimulatedLog Log)> Logs)> Run = new(() => Generate(Week));

    [Fact]
    public void Labels_SlowKinds_CarryTheFailureTimeAtTheEndOfAnHoursLongBuildUp()
    {
        var generator = Run.Value.Generator;

        Assert.Equal(IncidentKinds.Slow.Select(k => k.ToString()).Order(), generator.Labels.Select(l => l.Kind).Distinct().Order());
        Assert.All(generator.Labels, l =>
        {
            Assert.Equal(l.End, l.FailureAt);
            Assert.InRange(l.End - l.Start, TimeSpan.FromHours(6), TimeSpan.FromDays(3));
            Assert.True(l.FailureAt < Week.Start + (Week.Interval * Week.Ticks), $"{l.Id} fails after the run");
        });
    }

    [Fact]
    public void Plan_DefaultKinds_NeverPlansASlowFailure()
    {
        var generator = new FleetGenerator(Week with { Kinds = IncidentKinds.Fast });

        Assert.All(generator.Labels, l => Assert.DoesNotContain(Enum.Parse<IncidentKind>(l.Kind), IncidentKinds.Slow));
        Assert.All(generator.Labels.Where(l => l.Kind != nameof(IncidentKind.HardwareDegradation)), l => Assert.Null(l.FailureAt));
    }

    [Fact]
    public void Generate_DiskExhaustion_FillsTheFilesystemToFullAtTheFailureAndKeepsItFull()
    {
        var (_, values, logs) = Run.Value;

        foreach (var (server, start, failure) in Incidents(IncidentKind.DiskExhaustion))
        {
            Assert.InRange(Value(values, start - 1, server, SeriesId.FsUsed), 10, 80);
            Assert.True(Value(values, failure - 1, server, SeriesId.FsUsed) > 99, $"server {server} at {Value(values, failure - 1, server, SeriesId.FsUsed)} % before failing");
            Assert.True(Value(values, (start + failure) / 2, server, SeriesId.FsUsed) < 99.5);
            for (var tick = failure; tick < values.Length; tick++)
            {
                Assert.Equal(100, Value(values, tick, server, SeriesId.FsUsed), 6);
            }

            Assert.Contains(logs, l => l.Log.Server == server && l.Tick >= failure && l.Log.Message.Contains("No space left", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Generate_MemoryExhaustion_ReachesFullThenTheOomKillFreesIt()
    {
        var (_, values, logs) = Run.Value;

        foreach (var (server, start, failure) in Incidents(IncidentKind.MemoryExhaustion))
        {
            Assert.True(Value(values, start - 1, server, SeriesId.MemUsedPercent) < 90);
            Assert.Equal(100, Value(values, failure - 1, server, SeriesId.MemUsedPercent), 6);
            if (failure < values.Length)
            {
                Assert.True(Value(values, failure, server, SeriesId.MemUsedPercent) < 90);
            }

            Assert.Contains(logs, l => l.Log.Server == server && l.Tick == failure - 1 && l.Log.Message.StartsWith("Out of memory", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Generate_HardwareFailure_SlowsTheDiskThenTheHostGoesDownAtTheFailure()
    {
        var values = Run.Value.Values;

        foreach (var (server, start, failure) in Incidents(IncidentKind.HardwareFailure))
        {
            Assert.True(Value(values, failure - 1, server, SeriesId.DiskServiceTime) > 10 * Value(values, start - 1, server, SeriesId.DiskServiceTime));
            Assert.True(Value(values, failure - 1, server, SeriesId.TcpInErrors) > 20);
            Assert.All(Enumerable.Range(failure, values.Length - failure), tick => Assert.True(double.IsNaN(Value(values, tick, server, SeriesId.CpuUtil))));
        }
    }

    [Fact]
    public void Generate_CapacitySaturation_TrafficGrowsUntilTheCpuIsSaturated()
    {
        var values = Run.Value.Values;
        var healthy = Generate(Week with { IncidentFraction = 0 }).Values;

        foreach (var (server, start, failure) in Incidents(IncidentKind.CapacitySaturation))
        {
            // Three quarters into the build-up the growth is 0.75² to 0.75 of the way (a little more in a short one): traffic ×1.56 to ×1.8
            // against the same fleet without incidents, whose noise is the same draw for draw.
            var tick = start + ((failure - start) * 3 / 4);
            var ratio = Value(values, tick, server, SeriesId.NetRxBytes) / Value(healthy, tick, server, SeriesId.NetRxBytes);
            Assert.InRange(ratio, 1.55, 1.8);
            Assert.Equal(100, Value(values, failure - 1, server, SeriesId.CpuUtil), 6);
            Assert.All(Enumerable.Range(failure, values.Length - failure), tick => Assert.Equal(100, Value(values, tick, server, SeriesId.CpuUtil), 6));
        }
    }

    [Fact]
    public void Label_FailureAt_RoundTripsAndAnOlderLabelWithoutItReadsAsNone()
    {
        var label = Run.Value.Generator.Labels[0];
        var older = """{"id":"sim-1-000001","source":"simulator","host":"web-1","kind":"DiskFilling","start":"2026-01-05T00:00:00+00:00","end":"2026-01-05T01:00:00+00:00","metrics":[],"description":"x"}""";

        Assert.Contains("\"failureAt\":", label.ToJson(), StringComparison.Ordinal);
        Assert.Equal(label.FailureAt, IncidentLabel.FromJson(label.ToJson()).FailureAt);
        Assert.Null(IncidentLabel.FromJson(older).FailureAt);
    }

    [Fact]
    public void Parse_NamesAndSets_GiveTheKindsAndAnUnknownNameThrows()
    {
        Assert.Equal(IncidentKinds.Slow, IncidentKinds.Parse("slow"));
        Assert.Equal([IncidentKind.DiskExhaustion, IncidentKind.CpuSaturation], IncidentKinds.Parse("diskexhaustion, CpuSaturation"));
        Assert.Equal(11, IncidentKinds.Parse("fast,slow").Count);
        Assert.Contains("DiskFull", Assert.Throws<ArgumentException>(() => IncidentKinds.Parse("DiskFull")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => IncidentKinds.Parse("3"));
    }

    private static (FleetGenerator Generator, double[][] Values, List<(int Tick, SimulatedLog Log)> Logs) Generate(FleetOptions options)
    {
        var generator = new FleetGenerator(options);
        var values = new double[options.Ticks][];
        var logs = new List<(int, SimulatedLog)>();
        var buffer = new List<SimulatedLog>();
        for (var tick = 0; tick < options.Ticks; tick++)
        {
            values[tick] = new double[options.Servers * Width];
            buffer.Clear();
            generator.Generate(tick, 0, options.Servers, values[tick], buffer);
            logs.AddRange(buffer.Select(l => (tick, l)));
        }

        return (generator, values, logs);
    }

    private static double Value(double[][] values, int tick, int server, SeriesId series) => values[tick][(server * Width) + (int)series];

    /// <summary>Server, start tick and failure tick of every incident of a kind.</summary>
    private static List<(int Server, int Start, int Failure)> Incidents(IncidentKind kind)
    {
        var generator = Run.Value.Generator;
        var found = generator.Labels
            .Where(l => l.Kind == kind.ToString())
            .Select(l => (
                Server: generator.Servers.ToList().FindIndex(s => s.Host == l.Host),
                Start: (int)((l.Start - Week.Start) / Week.Interval),
                Failure: (int)((l.FailureAt!.Value - Week.Start) / Week.Interval)))
            .ToList();
        Assert.NotEmpty(found);
        return found;
    }
}
