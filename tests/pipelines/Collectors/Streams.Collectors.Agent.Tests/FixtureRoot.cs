using io.streams.avro;
using Streams.Collectors.Agent.Sampling;
using Streams.Schemas.Metrics;

namespace Streams.Collectors.Agent.Tests;

/// <summary>
/// A fake root (<c>proc/</c>, <c>sys/</c>) assembled from captured fixtures in a temp directory,
/// with a sampler over it: overlay a later capture, sample again, read what was emitted.
/// </summary>
internal sealed class FixtureRoot : IDisposable, IMetricWriter
{
    public static readonly DateTime Start = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    private readonly List<EmittedSample> _emitted = [];
    private readonly HostSampler _sampler;

    public FixtureRoot(params string[] fixtures)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "streams-agent-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        foreach (var fixture in fixtures)
        {
            Overlay(fixture);
        }

        _sampler = new HostSampler(new ProcFiles(Path), new SampleEmitter("web-1", new Dictionary<string, string> { ["dc"] = "eu-1" }, 10_000, this));
    }

    public string Path { get; }

    public static string FixturePath(string fixture) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture);

    /// <summary>Copies a fixture tree over the root, replacing files it has.</summary>
    public void Overlay(string fixture)
    {
        var source = FixturePath(fixture);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    public List<EmittedSample> Sample(DateTime at)
    {
        _emitted.Clear();
        _sampler.Sample(at);
        return [.. _emitted];
    }

    public void Write(MetricBatch batch)
    {
        Batches++;
        foreach (var sample in MetricBatches.ToSamples(batch))
        {
            Assert.Equal("web-1", sample.host);
            Assert.Equal("eu-1", sample.tags["dc"]);
            var dimension = sample.tags.Where(t => t.Key != "dc").Select(t => t.Value).SingleOrDefault();
            _emitted.Add(new EmittedSample(sample.metric, dimension, sample.value, sample.kind, sample.unit));
        }
    }

    /// <summary>How many batches the sampler wrote: one per pass.</summary>
    public int Batches { get; private set; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

internal sealed record EmittedSample(string Metric, string? Dimension, double Value, MetricKind Kind, string Unit);

internal static class EmittedSampleExtensions
{
    public static double Single(this IEnumerable<EmittedSample> samples, string metric, string? dimension = null) =>
        samples.Single(s => s.Metric == metric && s.Dimension == dimension).Value;

    public static bool Has(this IEnumerable<EmittedSample> samples, string metric, string? dimension = null) =>
        samples.Any(s => s.Metric == metric && s.Dimension == dimension);
}
