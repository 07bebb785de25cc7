using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Spectre.Console.Testing;
using Streams.Host.DeadLetters;
using Streams.Topology.DeadLetters;

namespace Streams.Host.Tests.DeadLetters;

public sealed class DeadLetterCommandTests(DeadLetterKafka kafka) : IClassFixture<DeadLetterKafka>
{
    // Ten letters, timestamps interleaved over the partitions so partition order is not time order.
    private static readonly Letter[] Ten =
    [
        .. Enumerable.Range(0, 10).Select(i => new Letter(i, (i * 2) % DeadLetterKafka.Partitions, i % 3 == 0 ? RejectReason.OutOfRange : RejectReason.NonFiniteValue)),
    ];

    [Fact]
    public void Tail_LastFour_ShowsTheLatestAcrossPartitionsOldestFirst()
    {
        var topic = kafka.NewTopic();
        kafka.Produce(topic, Ten);
        var console = new TestConsole().Width(250);

        var exit = Run(topic, new TailOptions(4, false, new DeadLetterFilter(), true), console, out var error);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Equal([1006, 1007, 1008, 1009], Json(console).Select(j => j.GetProperty("sourceOffset").GetInt64()));
    }

    [Fact]
    public void Tail_Table_ShowsStageReasonSourceAndDetail()
    {
        var topic = kafka.NewTopic();
        kafka.Produce(topic, Ten);
        var console = new TestConsole().Width(250);

        var exit = Run(topic, new TailOptions(2, false, new DeadLetterFilter(), false), console, out _);

        Assert.Equal(0, exit);
        Assert.Contains("last 2", console.Output, StringComparison.Ordinal);
        Assert.Contains("metrics.raw[7]@1009", console.Output, StringComparison.Ordinal);
        Assert.Contains("2026-11-25 10:00:09.000", console.Output, StringComparison.Ordinal);
        Assert.Contains("value is NaN", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("metrics.raw[7]@1007", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tail_ReasonFilter_ShowsOnlyThatReasonEvenBeyondTheLastN()
    {
        var topic = kafka.NewTopic();
        kafka.Produce(topic, Ten);
        var console = new TestConsole().Width(250);

        var exit = Run(topic, new TailOptions(3, false, new DeadLetterFilter(Reason: RejectReason.OutOfRange), true), console, out _);

        Assert.Equal(0, exit);
        var lines = Json(console);
        Assert.Equal([1003, 1006, 1009], lines.Select(j => j.GetProperty("sourceOffset").GetInt64()));
        Assert.All(lines, j => Assert.Equal(RejectReason.OutOfRange, j.GetProperty("reason").GetString()));
    }

    [Fact]
    public void Tail_StageFilterNoMatch_PrintsThatNothingMatches()
    {
        var topic = kafka.NewTopic();
        kafka.Produce(topic, Ten);
        var console = new TestConsole().Width(250);

        var exit = Run(topic, new TailOptions(5, false, new DeadLetterFilter(Stage: "clickhouse-sink"), false), console, out _);

        Assert.Equal(0, exit);
        Assert.Contains("No dead letters", console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tail_Json_WritesEveryFieldOfTheLetter()
    {
        var topic = kafka.NewTopic();
        var value = new byte[] { 0x02, (byte)'w', (byte)'e', (byte)'b', 0xFF, (byte)'+' };
        kafka.Produce(topic, [new Letter(42, 1, RejectReason.UnknownUnit, "normalize-metrics", "unit \"furlongs\" is unknown") { Value = value }]);
        var console = new TestConsole().Width(80);

        Run(topic, new TailOptions(20, false, new DeadLetterFilter(), true), console, out _);

        var json = Assert.Single(Json(console));
        Assert.Equal(DeadLetterKafka.Epoch.AddSeconds(42), json.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(1, json.GetProperty("partition").GetInt32());
        Assert.Equal(0, json.GetProperty("offset").GetInt64());
        Assert.Equal("metrics.raw", json.GetProperty("key").GetString());
        Assert.Equal("normalize-metrics", json.GetProperty("stage").GetString());
        Assert.Equal(RejectReason.UnknownUnit, json.GetProperty("reason").GetString());
        Assert.Equal("unit \"furlongs\" is unknown", json.GetProperty("detail").GetString());
        Assert.Equal("metrics.raw", json.GetProperty("sourceTopic").GetString());
        Assert.Equal(7, json.GetProperty("sourcePartition").GetInt32());
        Assert.Equal(1042, json.GetProperty("sourceOffset").GetInt64());
        Assert.Equal(6, json.GetProperty("valueSize").GetInt32());
        Assert.Equal(value, Convert.FromBase64String(json.GetProperty("valueBase64").GetString()!));
        Assert.Equal(".web.+", json.GetProperty("valuePreview").GetString());
    }

    [Fact]
    public async Task Tail_Follow_PrintsLettersWrittenAfterItStartedUntilCancelled()
    {
        var topic = kafka.NewTopic();
        kafka.Produce(topic, Ten.Take(2));
        var console = new TestConsole().Width(250);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var tail = Task.Run(() => DeadLetterCommand.Tail(kafka.BootstrapServers, topic, new TailOptions(1, true, new DeadLetterFilter(), true), console, TextWriter.Null, stop.Token));
        await WaitForAsync(() => console.Output.Contains("\"sourceOffset\":1001", StringComparison.Ordinal));
        kafka.Produce(topic, Ten.Skip(5).Take(1));
        await WaitForAsync(() => console.Output.Contains("\"sourceOffset\":1005", StringComparison.Ordinal));
        await stop.CancelAsync();

        Assert.Equal(0, await tail);
        Assert.Equal([1001, 1005], Json(console).Select(j => j.GetProperty("sourceOffset").GetInt64()));
    }

    [Fact]
    public void Counts_MixedReasonsAndStages_CountsEachPair()
    {
        var topic = kafka.NewTopic();
        kafka.Produce(topic, [.. Ten, new Letter(20, 0, "empty-value", "clickhouse-sink", "tombstone")]);
        var console = new TestConsole().Width(250);

        var exit = DeadLetterCommand.Counts(kafka.BootstrapServers, topic, true, console, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, exit);
        var counts = Json(console).Select(j => (j.GetProperty("stage").GetString(), j.GetProperty("reason").GetString(), j.GetProperty("count").GetInt64()));
        Assert.Equal(
            [("normalize-metrics", RejectReason.NonFiniteValue, 6L), ("normalize-metrics", RejectReason.OutOfRange, 4L), ("clickhouse-sink", "empty-value", 1L)],
            counts);
    }

    [Fact]
    public void Counts_Table_ShowsEachPairAndTheTotal()
    {
        var topic = kafka.NewTopic();
        kafka.Produce(topic, Ten);
        var console = new TestConsole().Width(250);

        DeadLetterCommand.Counts(kafka.BootstrapServers, topic, false, console, TextWriter.Null, CancellationToken.None);

        Assert.Contains(RejectReason.NonFiniteValue, console.Output, StringComparison.Ordinal);
        Assert.Contains(RejectReason.OutOfRange, console.Output, StringComparison.Ordinal);
        Assert.Matches(@"total\s*│\s*│\s*10", console.Output);
    }

    [Fact]
    public void Tail_KafkaUnreachable_WritesOneLineAndExitsTwo()
    {
        var console = new TestConsole();
        using var error = new StringWriter();

        var exit = DeadLetterCommand.Tail("127.0.0.1:" + ClosedPort(), "deadletter", new TailOptions(20, false, new DeadLetterFilter(), false), console, error, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.StartsWith("streams: cannot read deadletter from Kafka at 127.0.0.1:", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(console.Output);
    }

    [Fact]
    public void Tail_NoSuchTopic_WritesOneLineAndExitsTwo()
    {
        using var error = new StringWriter();

        var exit = DeadLetterCommand.Tail(kafka.BootstrapServers, "no-such-topic", new TailOptions(20, false, new DeadLetterFilter(), false), new TestConsole(), error, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("has no topic no-such-topic", error.ToString(), StringComparison.Ordinal);
    }

    private int Run(string topic, TailOptions options, TestConsole console, out string error)
    {
        using var errors = new StringWriter();
        var exit = DeadLetterCommand.Tail(kafka.BootstrapServers, topic, options, console, errors, CancellationToken.None);
        error = errors.ToString();
        return exit;
    }

    private static List<JsonElement> Json(TestConsole console) =>
        [.. console.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => JsonDocument.Parse(line).RootElement)];

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for output");
            await Task.Delay(100);
        }
    }

    private static string ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
