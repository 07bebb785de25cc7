using System.Globalization;
using System.Text;
using Streams.Scoring.Artifacts;
using Streams.Scoring.Fleet;
using Streams.Scoring.HostDetection;
using Streams.Topology.Scoring;

namespace Streams.Scoring.Benchmarks;

/// <summary>
/// What a self-trained model weighs where it travels and where every scorer keeps it: its
/// artifact and its <c>self/</c> record against Kafka's default message size, and the memory
/// each scorer spends on every host's published record, held whole (as FleetModels did before
/// the artifacts went to disk) against what FleetModels holds now, in one run.
/// </summary>
internal static class ModelMemory
{
    // librdkafka's default message.max.bytes, which Scorer:MaxRecordBytes follows.
    private const int MessageMaxBytes = 1_000_000;

    public static void Run(string[] names, HostDetector detector, double[] rows, int hosts)
    {
        var series = names.Length;
        var artifact = HostDetectorArtifact.Serialize(detector);
        var ranges = FeatureRange.Of(names, rows);
        var json = Record("host-0", artifact, ranges).ToJson();
        var recordBytes = Encoding.UTF8.GetByteCount(json);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model record: artifact {artifact.Length} B ({artifact.Length / (double)series:F0} B per series), self/ record on models {recordBytes} B ({recordBytes / (double)series:F0} B per series); a record reaches Kafka's default message.max.bytes ({MessageMaxBytes}) at ~{MessageMaxBytes * (double)series / recordBytes:F0} series per host (linear estimate)"));

        // Each host's record as the reader of models parses it: its own arrays and strings.
        var texts = Enumerable.Range(0, hosts).Select(h => Record($"host-{h}", artifact, ranges).ToJson()).ToArray();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var whole = texts.Select(ModelMetadata.FromJson).ToDictionary(r => r.Host, StringComparer.Ordinal);
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(whole);

        var folder = Path.Combine(Path.GetTempPath(), "streams-bench-fleet-" + Guid.NewGuid().ToString("N"));
        try
        {
            before = GC.GetTotalMemory(forceFullCollection: true);
            var fleet = new FleetModels(new ColdStartOptions(), folder);
            foreach (var text in texts)
            {
                fleet.Publish(ModelMetadata.FromJson(text));
            }

            var slim = GC.GetTotalMemory(forceFullCollection: true) - before;
            var disk = Directory.GetFiles(folder).Sum(f => new FileInfo(f).Length);
            if (fleet.Trained("host-0")?.Model is not { Length: > 0 } adopted || !adopted.AsSpan().SequenceEqual(artifact))
            {
                throw new InvalidOperationException("FleetModels did not give back the artifact it was published with.");
            }

            GC.KeepAlive(fleet);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"published models held by each scorer ({hosts} hosts): {held / 1024.0 / hosts:F1} KB per host whole in memory before, {slim / 1024.0 / hosts:F2} KB per host after (version, group, ranges; artifacts on disk, {disk / 1024.0 / hosts:F1} KB per host): {held / (double)Math.Max(slim, 1):F0}x less; at 10,000 hosts {held / 1e6 / hosts * 10_000:F0} MB before, {slim / 1e6 / hosts * 10_000:F1} MB after"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ModelMetadata Record(string host, byte[] artifact, IReadOnlyList<FeatureRange> ranges) => new()
    {
        Name = ModelMetadata.SelfModelName(host),
        Host = host,
        Version = "20261207T000000000Z",
        FeatureNames = [.. ranges.Select(r => r.Name)],
        Origin = ModelMetadata.SelfTrainedOrigin,
        Coverage = "own-model",
        Group = "host",
        WindowsSeen = 8_640,
        TrainingRows = 8_640,
        Model = artifact,
        Ranges = ranges,
    };
}
