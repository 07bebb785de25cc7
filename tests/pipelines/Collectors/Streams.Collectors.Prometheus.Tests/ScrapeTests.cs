using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Prometheus.Scraping;
using Streams.Collectors.Prometheus.Tests.Support;

namespace Streams.Collectors.Prometheus.Tests;

public sealed class ScrapeTests : IDisposable
{
    private const string NodeExporterBinary = "/usr/bin/prometheus-node-exporter";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("streams-prom-scrape-");

    [PeerFact(NodeExporterBinary)]
    public async Task ScrapeAsync_RealNodeExporter_PublishesItsSeriesWithTargetLabelsAndUp()
    {
        var port = PeerProcess.FreePort();
        using var exporter = PeerProcess.Start(NodeExporterBinary, "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "--collector.disable-defaults", "--collector.loadavg", "--collector.meminfo");
        var sink = new ListInboundSink();
        var options = new PrometheusOptions { StaticTargets = [new StaticTargetGroup { Targets = [$"127.0.0.1:{port}"], Labels = new() { ["job"] = "node", ["role"] = "db" } }] };
        using var http = new HttpClient();
        var loop = new ScrapeLoop(options, new TargetDiscovery(options), new Scraper(options, http, sink, NullLogger.Instance), NullLogger.Instance);

        Assert.True(await ListInboundSink.WaitUntilAsync(() => CanConnect(port), TimeSpan.FromSeconds(20)), "node-exporter did not listen:\n" + exporter.Output);
        var published = await loop.ScrapeAllAsync(CancellationToken.None);

        Assert.True(published > 10, $"only {published} samples");
        var load = Assert.Single(sink.Samples, s => s.metric == "node_load1");
        Assert.Equal("127.0.0.1", load.host);
        Assert.Equal("node", load.tags["job"]);
        Assert.Equal("db", load.tags["role"]);
        Assert.Equal(15_000, load.intervalMs);
        Assert.Contains(sink.Samples, s => s.metric == "node_memory_MemTotal_bytes" && s.value > 0);
        Assert.Equal(1, Assert.Single(sink.Samples, s => s.metric == "up").value);
        Assert.Empty(sink.DeadLetters);
    }

    [Fact]
    public async Task ScrapeAsync_MalformedPageThenGoodPage_DeadLetterAndUpZeroThenSamples()
    {
        var page = "broken{ 1\n";
        await using var server = await ReceiverHost.StartAsync("unused", new Dictionary<string, string?>(), (_, _) => { }, endpoints =>
            Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(endpoints, "/metrics", () => page));
        var sink = new ListInboundSink();
        var options = new PrometheusOptions();
        using var http = new HttpClient();
        var scraper = new Scraper(options, http, sink, NullLogger.Instance);
        var target = new ScrapeTarget(new Uri(server.Url, "/metrics"), [new("instance", "web-9:9100")]);

        var failed = await scraper.ScrapeAsync(target, CancellationToken.None);
        page = "# TYPE ok gauge\nok 42\n";
        var succeeded = await scraper.ScrapeAsync(target, CancellationToken.None);

        Assert.Contains("line 1", failed.Error, StringComparison.Ordinal);
        var letter = Assert.Single(sink.DeadLetters);
        Assert.Equal(InboundRejectReason.MalformedInput, letter.Reason);
        Assert.Equal("broken{ 1\n"u8.ToArray(), letter.Original);
        Assert.Null(succeeded.Error);
        Assert.Equal([0d, 1d], sink.Samples.Where(s => s.metric == "up").Select(s => s.value));
        Assert.Equal(42, Assert.Single(sink.Samples, s => s.metric == "ok").value);
    }

    [Fact]
    public async Task ScrapeAsync_PageWithSeriesOfAnotherHost_OneBatchPerHostWithTheSyntheticSeriesInTheTargets()
    {
        await using var server = await ReceiverHost.StartAsync("unused", new Dictionary<string, string?>(), (_, _) => { }, endpoints =>
            Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(endpoints, "/metrics", () => "ok 1\nqueue_depth{host=\"db-9\",queue=\"q1\"} 7\nerrors_total 3\n"));
        var sink = new ListInboundSink();
        using var http = new HttpClient();
        var scraper = new Scraper(new PrometheusOptions(), http, sink, NullLogger.Instance);

        var result = await scraper.ScrapeAsync(new ScrapeTarget(new Uri(server.Url, "/metrics"), [new("instance", "web-9:9100"), new("job", "app")]), CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal(
            [("web-9", "ok,errors_total,up,scrape_duration_seconds,scrape_samples_scraped"), ("db-9", "queue_depth")],
            sink.Batches.Select(b => (b.host, string.Join(",", b.points.Select(p => p.metric)))));
        Assert.Single(sink.Batches.Select(b => b.timestamp).Distinct());
        Assert.Equal("q1", sink.Batches.Last().points[0].tags["queue"]);
        Assert.Equal(3, sink.Batches.First().points.Single(p => p.metric == "scrape_samples_scraped").value);
    }

    [Fact]
    public async Task ScrapeAsync_NothingListening_UpZeroWithTheError()
    {
        var sink = new ListInboundSink();
        using var http = new HttpClient();
        var scraper = new Scraper(new PrometheusOptions { ScrapeTimeoutSeconds = 2 }, http, sink, NullLogger.Instance);

        var result = await scraper.ScrapeAsync(new ScrapeTarget(new Uri($"http://127.0.0.1:{PeerProcess.FreePort()}/metrics"), [new("instance", "gone:1")]), CancellationToken.None);

        Assert.NotNull(result.Error);
        Assert.Equal(0, Assert.Single(sink.Samples, s => s.metric == "up").value);
        Assert.Empty(sink.DeadLetters);
    }

    [Theory]
    [InlineData("targets.json", """[{"targets": ["web-1:9100", "web-2:9100"], "labels": {"job": "node", "__meta_x": "dropped"}}]""")]
    [InlineData("targets.yml", "- targets: ['web-1:9100', 'web-2:9100']\n  labels:\n    job: node\n    __meta_x: dropped\n")]
    public void Discover_FileSdJsonAndYaml_TargetsWithInstanceAndGroupLabels(string name, string content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllText(path, content);
        var discovery = new TargetDiscovery(new PrometheusOptions { FileSdPaths = [path], StaticTargets = [new StaticTargetGroup { Targets = ["https://api-1:8443/custom"] }] });

        var targets = discovery.Discover();

        Assert.Empty(discovery.Failures);
        Assert.Equal(["https://api-1:8443/custom", "http://web-1:9100/metrics", "http://web-2:9100/metrics"], targets.Select(t => t.Url.ToString()));
        Assert.Equal([new("instance", "web-1:9100"), new("job", "node")], targets[1].Labels);
    }

    [Fact]
    public void Discover_FileBrokenAfterAGoodRead_KeepsTheLastGoodTargetsAndReportsTheError()
    {
        var path = Path.Combine(_directory.FullName, "targets.json");
        File.WriteAllText(path, """[{"targets": ["web-1:9100"]}]""");
        var discovery = new TargetDiscovery(new PrometheusOptions { FileSdPaths = [path] });
        discovery.Discover();
        File.WriteAllText(path, "[{\"targets\": ");

        var targets = discovery.Discover();

        Assert.Single(targets);
        Assert.Equal(path, Assert.Single(discovery.Failures).Path);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private static bool CanConnect(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
