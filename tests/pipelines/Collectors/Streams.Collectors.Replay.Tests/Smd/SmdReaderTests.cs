using System.IO.Compression;
using Streams.Collectors.Replay.Smd;

namespace Streams.Collectors.Replay.Tests.Smd;

public sealed class SmdReaderTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "readers", "smd");

    [Fact]
    public void Load_PlainFixture_ReadsMatricesLabelsAndSegments()
    {
        var machine = SmdReader.Load(Fixture, "machine-9-1");

        Assert.Equal(3, machine.Dimension);
        Assert.Equal(80 * 3, machine.Train.Length);
        Assert.Equal(40, machine.TestRows);
        Assert.Equal(0.5, machine.Train[0], 12);
        Assert.Equal(5, machine.Labels.Count(l => l));
        Assert.True(machine.Labels[20] && machine.Labels[24] && !machine.Labels[25]);
        var segment = Assert.Single(machine.Interpretation);
        Assert.Equal((20, 25), (segment.Start, segment.End));
        Assert.Equal([1], segment.Dimensions);
    }

    [Fact]
    public void Load_GzipCopy_ReadsTheSameValues()
    {
        var directory = Directory.CreateTempSubdirectory("smd-gz-");
        try
        {
            foreach (var folder in new[] { "train", "test", "test_label", "interpretation_label" })
            {
                Directory.CreateDirectory(Path.Combine(directory.FullName, folder));
                using var source = File.OpenRead(Path.Combine(Fixture, folder, "machine-9-1.txt"));
                using var target = new GZipStream(File.Create(Path.Combine(directory.FullName, folder, "machine-9-1.txt.gz")), CompressionLevel.Fastest);
                source.CopyTo(target);
            }

            var plain = SmdReader.Load(Fixture, "machine-9-1");
            var compressed = SmdReader.Load(directory.FullName, "machine-9-1");

            Assert.Equal(["machine-9-1"], SmdReader.Machines(directory.FullName));
            Assert.Equal(plain.Test, compressed.Test);
            Assert.Equal(plain.Labels, compressed.Labels);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_RaggedRow_ThrowsWithFileAndRow()
    {
        var directory = Directory.CreateTempSubdirectory("smd-bad-");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory.FullName, "train"));
            File.WriteAllText(Path.Combine(directory.FullName, "train", "m.txt"), "0.1,0.2\n0.3\n");

            var error = Assert.Throws<InvalidDataException>(() => SmdReader.Load(directory.FullName, "m"));

            Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
