using System.Globalization;
using System.IO.Compression;
using io.streams.avro;
using Streams.Collectors.Replay.Smd;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Publishing;
using Streams.Collectors.Simulator.Series;

namespace Streams.Collectors.Replay.Tests;

public sealed class ReplayRunnerTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "datasets");
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly int SmdColumns = SeriesCatalogue.Smd.Count;

    private static ReplayOptions Smd(params string[] files) => new() { Dataset = ReplayDataset.Smd, DataDirectory = Fixtures, Files = files, Start = Start };

    private static async Task<OrderedSink> Replay(ReplayOptions options, LabelFile? file = null)
    {
        var sink = new OrderedSink();
        var final = await new ReplayRunner(options, sink, new Pacer(0, 0), file).RunAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.Equal(final.Total, final.Done);
        Assert.Equal(sink.Samples.Count(), final.Samples);
        return sink;
    }

    private static string[] GzipLines(string path)
    {
        using var stream = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task RunAsync_SmdMachine_EmitsEveryRowInOrderWithItsValues()
    {
        var sink = await Replay(Smd("machine-9-1"));

        var lines = GzipLines(Path.Combine(Fixtures, "smd", "test", "machine-9-1.txt.gz"));
        var samples = sink.Samples.ToList();
        Assert.Equal(lines.Length * SmdColumns, samples.Count);
        for (var row = 0; row < lines.Length; row++)
        {
            var expected = lines[row].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var emitted = samples.Skip(row * SmdColumns).Take(SmdColumns).ToList();
            Assert.Equal(expected, emitted.Select(s => s.Value));
            Assert.Equal(SeriesCatalogue.Smd.Select(s => s.Metric), emitted.Select(s => s.Metric));
            Assert.All(emitted, s =>
            {
                Assert.Equal(Start + TimeSpan.FromMinutes(row), s.Time);
                Assert.Equal("machine-9-1", s.Host);
                Assert.Equal("smd", s.Dataset);
                Assert.Equal(MetricSource.REPLAY, s.Source);
            });
        }
    }

    [Fact]
    public async Task RunAsync_SmdMachine_LabelsAreTheTestLabelSegmentsAnnouncedAtTheirFirstRow()
    {
        var path = Path.Combine(Path.GetTempPath(), $"replay-labels-{Guid.NewGuid():N}.jsonl");
        OrderedSink sink;
        using (var file = new LabelFile(path))
        {
            sink = await Replay(Smd("machine-9-1"), file);
        }

        var labels = sink.Labels.ToList();
        Assert.Equal(2, labels.Count);
        Assert.Equal((Start.AddMinutes(4), Start.AddMinutes(7)), (labels[0].Start, labels[0].End));
        Assert.Equal(["cpu.util", "load.1", "load.5"], labels[0].Metrics);
        Assert.Equal((Start.AddMinutes(10), Start.AddMinutes(12)), (labels[1].Start, labels[1].End));
        Assert.Equal(["mem.shmem"], labels[1].Metrics);
        Assert.All(labels, l => Assert.Equal(("smd", "machine-9-1"), (l.Source, l.Host)));
        foreach (var label in labels)
        {
            var at = sink.Events.IndexOf(label);
            var next = Assert.IsType<OrderedSink.Sample>(sink.Events[at + 1]);
            Assert.Equal(label.Start, next.Time);
        }

        Assert.Equal(labels.Select(l => l.ToJson()), LabelFile.Read(path).Select(l => l.ToJson()));
        File.Delete(path);
    }

    [Fact]
    public async Task RunAsync_TwoMachines_MergesByTimeAndKeepsEachFileInOrder()
    {
        var sink = await Replay(Smd("machine-9-*"));

        var samples = sink.Samples.ToList();
        Assert.Equal((12 + 6) * SmdColumns, samples.Count);
        Assert.True(samples.Zip(samples.Skip(1)).All(p => p.First.Time <= p.Second.Time), "event time never goes back");
        Assert.Equal(["machine-9-1", "machine-9-2"], samples.Take(2 * SmdColumns).Select(s => s.Host).Distinct());
        var secondLabel = Assert.Single(sink.Labels, l => l.Host == "machine-9-2");
        Assert.Equal((Start.AddMinutes(2), Start.AddMinutes(4)), (secondLabel.Start, secondLabel.End));
        Assert.Empty(secondLabel.Metrics);
    }

    [Fact]
    public async Task RunAsync_SmdTrainPart_ReadsPlainTextAndHasNoLabels()
    {
        var sink = await Replay(Smd("machine-9-1") with { SmdPart = "train" });

        Assert.Equal(5 * SmdColumns, sink.Samples.Count());
        Assert.Empty(sink.Labels);
        Assert.Equal(0.5, sink.Samples.First().Value);
    }

    [Fact]
    public async Task RunAsync_WithLimit_StopsAndDropsLaterLabels()
    {
        var sink = await Replay(Smd("machine-9-1") with { Limit = 8 });

        Assert.Equal(8 * SmdColumns, sink.Samples.Count());
        Assert.Single(sink.Labels);
    }

    [Fact]
    public async Task RunAsync_Nab_ShiftsToTheStartAndLabelsTheWindows()
    {
        var sink = await Replay(new ReplayOptions { Dataset = ReplayDataset.Nab, DataDirectory = Fixtures, Files = ["cpu_utilization_fixture"], Start = Start });

        var samples = sink.Samples.ToList();
        Assert.Equal(10, samples.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(m => m + 0.5), samples.Select(s => s.Value));
        Assert.Equal(Enumerable.Range(0, 10).Select(m => Start.AddMinutes(5 * m)), samples.Select(s => s.Time));
        Assert.All(samples, s => Assert.Equal(("nab-cpu_utilization_fixture", "cpu.util", "nab"), (s.Host, s.Metric, s.Dataset)));
        var label = Assert.Single(sink.Labels);
        Assert.Equal(Start.AddMinutes(15), label.Start);
        Assert.True(label.End > Start.AddMinutes(25) && label.End < Start.AddMinutes(25.01), $"window end {label.End} includes the 14:25 row");
    }

    [Fact]
    public async Task RunAsync_NabKeepingTimestamps_MergesFilesOnTheirOwnClock()
    {
        var sink = await Replay(new ReplayOptions { Dataset = ReplayDataset.Nab, DataDirectory = Fixtures, KeepTimestamps = true });

        var samples = sink.Samples.ToList();
        Assert.Equal(15, samples.Count);
        Assert.Equal(new DateTimeOffset(2014, 2, 14, 14, 0, 0, TimeSpan.Zero), samples[0].Time);
        Assert.True(samples.Zip(samples.Skip(1)).All(p => p.First.Time <= p.Second.Time));
        Assert.Contains(samples, s => s.Metric == "hw.temperature");
    }

    [Fact]
    public async Task RunAsync_AtSpeedup_TakesTheDatasetSpanOverTheSpeedup()
    {
        var sink = new OrderedSink();

        // 11 minutes of rows at 600× is 1.1 s.
        var final = await new ReplayRunner(Smd("machine-9-1"), sink, new Pacer(600, 0), null).RunAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.InRange(final.Elapsed, TimeSpan.FromSeconds(1.0), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Constructor_NoMatchingFile_ThrowsNamingThePattern()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ReplayRunner(Smd("machine-42-*"), new OrderedSink(), new Pacer(0, 0), null));
        Assert.Contains("machine-42-*", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingDatasetFolder_ThrowsSayingWhere()
    {
        var options = Smd() with { DataDirectory = Path.Combine(Fixtures, "nowhere") };

        var ex = Assert.Throws<DirectoryNotFoundException>(() => new ReplayRunner(options, new OrderedSink(), new Pacer(0, 0), null));
        Assert.Contains("--data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseRow_WrongColumnCount_IsRefusedWithTheRow()
    {
        var ex = Assert.Throws<InvalidDataException>(() => SmdDataset.ParseRow("0.1,0.2", 7));
        Assert.Contains("row 7", ex.Message, StringComparison.Ordinal);
    }

    [DatasetFact("smd/test/machine-1-2.txt.gz")]
    public async Task RunAsync_RealSmdMachine_ReplaysRowsAndLabelsOfTheSharedDataset()
    {
        const int Rows = 20_000;
        var sink = await Replay(new ReplayOptions { Dataset = ReplayDataset.Smd, DataDirectory = DatasetFactAttribute.SharedDatasets, Files = ["machine-1-2"], Start = Start, Limit = Rows });

        var lines = GzipLines(Path.Combine(DatasetFactAttribute.SharedDatasets, "smd", "test", "machine-1-2.txt.gz"));
        var first = lines[0].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture));
        Assert.Equal(Rows * SmdColumns, sink.Samples.Count());
        Assert.Equal(first, sink.Samples.Take(SmdColumns).Select(s => s.Value));
        var flags = File.ReadLines(Path.Combine(DatasetFactAttribute.SharedDatasets, "smd", "test_label", "machine-1-2.txt")).Take(Rows).Select(l => l.Trim() == "1").ToArray();
        var segmentStarts = Enumerable.Range(0, Rows).Where(i => flags[i] && (i == 0 || !flags[i - 1])).ToArray();
        Assert.NotEmpty(segmentStarts);
        Assert.Equal(segmentStarts.Select(i => Start.AddMinutes(i)), sink.Labels.Select(l => l.Start));
        Assert.Equal(flags.Count(f => f), sink.Labels.Sum(l => (int)(l.End - l.Start).TotalMinutes));
        Assert.All(sink.Labels, l => Assert.NotEmpty(l.Metrics));
    }

    [DatasetFact("nab/labels/combined_windows.json")]
    public async Task RunAsync_RealNab_ReplaysAllRowsAndWindowsOfTheSharedDataset()
    {
        var sink = await Replay(new ReplayOptions { Dataset = ReplayDataset.Nab, DataDirectory = DatasetFactAttribute.SharedDatasets, Start = Start });

        // Figures of ../shared/datasets/README.md: 24 files, 137,301 rows, 49 windows.
        Assert.Equal(137_301, sink.Samples.Count());
        Assert.Equal(49, sink.Labels.Count());
        Assert.Equal(24, sink.Samples.Select(s => s.Host).Distinct().Count());
        Assert.DoesNotContain(sink.Labels, l => l.Host == "nab-ec2_cpu_utilization_c6585a");
    }
}
