using System.Reflection;
using System.Text;
using io.streams.avro;
using Streams.Collectors.Agent.Sampling;
using Streams.Collectors.Simulator.Fleet;
using Streams.Collectors.Simulator.Incidents;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Publishing;
using Streams.Collectors.Simulator.Series;
using Streams.Collectors.Simulator.Simulation;
using Streams.Topology.DeadLetters;

namespace Streams.Topology.Tests.Metrics;

/// <summary>
/// Our own data is never dead-lettered: every metric family the host agent and the simulator
/// emit, with the units and kinds their code gives it, goes through normalize clean. The
/// families come from running the producers, not from a list that could go stale.
/// </summary>
public sealed class ProducerSamplesTests : IDisposable
{
    private readonly MetricsHarness harness = new(window: false);

    public void Dispose() => harness.Dispose();

    [Fact]
    public async Task Normalize_EverySimulatedFamilyWithIncidents_NoDeadLetters()
    {
        var rounds = 8;
        var interval = TimeSpan.FromSeconds(10);
        FleetGenerator Fleet(int seed) => new(new FleetOptions
        {
            Servers = 24,
            Seed = seed,
            Start = harness.Clock.Now - (interval * rounds),
            Interval = interval,
            Ticks = rounds,
            IncidentFraction = 1,
            Kinds = Enum.GetValues<IncidentKind>(),
        });

        // Incidents push series to their extremes (swap under a memory leak, a full disk): the
        // first seed whose small fleet has every kind of incident.
        var kinds = Enum.GetValues<IncidentKind>().Length;
        var generator = Enumerable.Range(1, 2_000).Select(Fleet).First(g => g.Labels.Select(l => l.Kind).Distinct().Count() == kinds);
        var sink = new NormalizeSink(harness);

        await new SimulationRunner(generator, sink, new Pacer(0, 0), labelFile: null).RunAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(SeriesCatalogue.All.Select(s => s.Metric).Order(), sink.Families.Order());
        AssertNoDeadLetters();
        Assert.Equal(SeriesCatalogue.All.Select(s => s.Metric).Order(), harness.ReadClean().Select(s => s.metric).Distinct().Order());
    }

    [Fact]
    public void Normalize_EveryAgentFamilyFromAFixtureHost_NoDeadLetters()
    {
        using var root = new AgentRoot(harness);
        root.Sample("debian12", harness.Clock.Now.UtcDateTime.AddSeconds(-10));
        root.Sample("debian12-t1", harness.Clock.Now.UtcDateTime);

        // Every name the agent defines is emitted by two passes over the fixture, so none escapes the check.
        var defined = typeof(MetricNames).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
        Assert.Equal([], defined.Except(root.Families).Order());
        AssertNoDeadLetters();
        Assert.Equal(root.Families.Order(), harness.ReadClean().Select(s => s.metric).Distinct().Order());
    }

    private void AssertNoDeadLetters()
    {
        var dead = harness.DeadLetter.ReadKeyValueList().Select(r => Encoding.UTF8.GetString(r.Message.Headers.GetLastBytes(DeadLetterHeaders.Detail) ?? [])).ToList();
        Assert.True(dead.Count == 0, $"{dead.Count} dead letters, e.g. {string.Join("; ", dead.Distinct().Take(5))}");
    }

    /// <summary>The simulator's sink: each batch goes straight into normalize, serialized before the runner reuses it.</summary>
    private sealed class NormalizeSink(MetricsHarness harness) : IEventSink
    {
        public HashSet<string> Families { get; } = [];

        public long Acknowledged { get; private set; }

        public long Failed => 0;

        public void Publish(MetricBatch batch)
        {
            Families.UnionWith(batch.points.Select(p => p.metric));
            harness.PipeRaw(batch);
            Acknowledged += batch.points.Count;
        }

        public void Publish(LogRecord log) => Acknowledged++;

        public void Publish(IncidentLabel label) => Acknowledged++;

        public bool Flush(TimeSpan timeout) => true;
    }

    /// <summary>A /proc and /sys tree built from the agent tests' captured fixtures, sampled by the real sampler into normalize.</summary>
    private sealed class AgentRoot : IMetricWriter, IDisposable
    {
        private readonly MetricsHarness harness;
        private readonly string path = Directory.CreateTempSubdirectory("streams-agent-units-").FullName;
        private readonly HostSampler sampler;

        public AgentRoot(MetricsHarness harness)
        {
            this.harness = harness;
            sampler = new HostSampler(new ProcFiles(path), new SampleEmitter("web-01", new Dictionary<string, string>(), 10_000, this));
        }

        public HashSet<string> Families { get; } = [];

        public void Sample(string fixture, DateTime at)
        {
            var source = Path.Combine(AppContext.BaseDirectory, "AgentFixtures", fixture);
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(path, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }

            sampler.Sample(at);
        }

        public void Write(MetricBatch batch)
        {
            Families.UnionWith(batch.points.Select(p => p.metric));
            harness.PipeRaw(batch);
        }

        public void Dispose() => Directory.Delete(path, recursive: true);
    }
}
