using System.Diagnostics;
using System.Globalization;
using io.streams.avro;
using Microsoft.Extensions.Logging.Abstractions;

namespace Streams.Collectors.Publishing.Tests;

public sealed class SpoolKillTests(KafkaFixture kafka) : IClassFixture<KafkaFixture>, IDisposable
{
    private readonly string _spool = Samples.TempDirectory();

    [Fact]
    public async Task Spool_WriterKilledWithSigkill_NextPublisherReplaysExactlyTheUnacknowledgedRecordsInOrder()
    {
        var lastAppended = await RunWriterAndKillAsync(minimumRecords: 3_000);

        var topic = kafka.NewTopic();
        long replayed;
        using (var registry = kafka.NewRegistryClient())
        using (var publisher = new SpoolingPublisher<MetricSample>(
                   new PublishingOptions { SpoolPath = _spool, LingerMs = 5 }, topic, kafka.BootstrapServers, registry, NullLogger.Instance))
        {
            replayed = publisher.PendingRecords;
            // Every record the child reported is on disk; at most one more was appended after its last report.
            Assert.InRange(replayed, lastAppended + 1, lastAppended + 2);
            await SpoolingPublisherTests.RunUntilAsync(publisher, () => publisher.PendingRecords == 0);
        }

        var values = kafka.ConsumeAll<MetricSample>(topic, TimeSpan.FromSeconds(2)).Select(r => (int)r.Value.value).ToList();
        Assert.Equal(Enumerable.Range(0, (int)replayed), values);
    }

    public void Dispose() => Directory.Delete(_spool, recursive: true);

    private async Task<int> RunWriterAndKillAsync(int minimumRecords)
    {
        var testAssembly = typeof(SpoolKillTests).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { testAssembly, "spool-writer", _spool })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var last = -1;
        while (last < minimumRecords && await child.StandardOutput.ReadLineAsync() is { } line)
        {
            last = int.Parse(line, CultureInfo.InvariantCulture);
        }

        child.Kill(); // SIGKILL on Linux: no finally blocks, no flush, no dispose.
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            last = int.Parse(line, CultureInfo.InvariantCulture);
        }

        await child.WaitForExitAsync();
        Assert.True(last >= minimumRecords, $"The child wrote only {last + 1} records before it ended.");
        return last;
    }
}
