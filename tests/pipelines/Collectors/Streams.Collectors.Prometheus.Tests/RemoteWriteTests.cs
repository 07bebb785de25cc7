using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Prometheus.RemoteWrite;
using Streams.Collectors.Prometheus.Tests.Support;

namespace Streams.Collectors.Prometheus.Tests;

public sealed class RemoteWriteTests
{
    private const string PrometheusBinary = "/usr/bin/prometheus";
    private const string Secret = "rw-secret";

    [Fact]
    public void Decode_GoogleProtobufEncodedRequest_ReadsEverySeriesAndSample()
    {
        var body = WriteRequests.Compressed(
        [
            ([("__name__", "up"), ("instance", "web-1:9100")], [(1, 1000), (0, 2000)]),
            ([("__name__", "node_load1"), ("instance", "web-2:9100")], [(0.25, 3000)]),
        ]);

        var series = RemoteWriteDecoder.Decode(body, 1 << 20);

        Assert.Equal(2, series.Count);
        Assert.Equal([new("__name__", "up"), new("instance", "web-1:9100")], series[0].Labels);
        Assert.Equal([new RemoteWriteSample(1, 1000), new RemoteWriteSample(0, 2000)], series[0].Samples);
        Assert.Equal(0.25, series[1].Samples[0].Value);
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f })]
    [InlineData(new byte[] { 0x05, 0x10, 0x0a, 0x7f, 0x0a, 0x01 })]
    public void Decode_NotSnappyOrNotProtobuf_ThrowsInvalidData(byte[] body) =>
        Assert.Throws<InvalidDataException>(() => RemoteWriteDecoder.Decode(body, 1 << 20));

    [Fact]
    public void Receive_RequestFromSeveralTargetsAndScrapes_OneBatchPerHostAndTimestamp()
    {
        var sink = new ListInboundSink();
        var receiver = new RemoteWriteReceiver(new PrometheusOptions(), sink, NullLogger.Instance);
        var body = WriteRequests.Compressed(
        [
            ([("__name__", "up"), ("instance", "web-1:9100"), ("job", "node")], [(1, 1000), (1, 16000)]),
            ([("__name__", "node_load1"), ("instance", "web-1:9100"), ("job", "node")], [(0.5, 1000)]),
            ([("__name__", "up"), ("instance", "web-2:9100"), ("job", "node")], [(0, 1000)]),
        ]);

        var outcome = receiver.Receive(body, body.Length);

        Assert.Equal(4, outcome.Accepted);
        Assert.Equal(
            [("web-1", 1000L, "up,node_load1"), ("web-1", 16000L, "up"), ("web-2", 1000L, "up")],
            sink.Batches.Select(b => (b.host, new DateTimeOffset(b.timestamp).ToUnixTimeMilliseconds(), string.Join(",", b.points.Select(p => p.metric)))));
        Assert.All(sink.Batches, b => Assert.Equal(io.streams.avro.MetricSource.PROMETHEUS, b.source));
        Assert.All(sink.Batches.SelectMany(b => b.points), p => Assert.Equal("node", p.tags["job"]));
    }

    [Fact]
    public async Task Post_MalformedThenValidBody_400WithReasonAndDeadLetterThen204()
    {
        await using var host = await StartAsync();
        using var http = Client(host);

        using var bad = await http.PostAsync("/api/v1/write", Snappy("not protobuf at all"u8.ToArray()));
        using var good = await http.PostAsync("/api/v1/write", Snappy(WriteRequests.Compressed([([("__name__", "up"), ("instance", "web-1:9100")], [(1, 1000)])]), compressed: true));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("protobuf", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var letter = Assert.Single(host.Sink.DeadLetters);
        Assert.Equal(RemoteWriteReceiver.Source, letter.Source);
        Assert.Equal(InboundRejectReason.MalformedInput, letter.Reason);
        Assert.Equal(HttpStatusCode.NoContent, good.StatusCode);
        var sample = Assert.Single(host.Sink.Samples);
        Assert.Equal("web-1", sample.host);
        Assert.Equal("up", sample.metric);
    }

    [Fact]
    public async Task Post_RemoteWrite2Message_415()
    {
        await using var host = await StartAsync();
        using var http = Client(host);
        using var content = Snappy([1, 2, 3]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-protobuf;proto=io.prometheus.write.v2.Request");

        using var response = await http.PostAsync("/api/v1/write", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-secret")]
    [InlineData("Basic cnctc2VjcmV0")]
    public async Task Post_WithoutTheSecret_401AndNothingPublished(string? authorization)
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };
        if (authorization is not null)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.PostAsync("/api/v1/write", Snappy(WriteRequests.Compressed([([("__name__", "up"), ("instance", "web-1:9100")], [(1, 1000)])]), compressed: true));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Prometheus:RemoteWriteToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.Sink.Samples);
        Assert.Empty(host.Sink.DeadLetters);
    }

    [Fact]
    public async Task Post_NoSecretConfigured_OneIsGeneratedPrivateAndKeptAcrossStarts()
    {
        var directory = Directory.CreateTempSubdirectory("streams-prom-secret-");
        try
        {
            var file = Path.Combine(directory.FullName, "prometheus", "remote-write.token");
            var settings = new Dictionary<string, string?> { ["Prometheus:RemoteWriteTokenFile"] = file };
            string secret;
            await using (var first = await StartAsync(settings))
            {
                // The role makes it as its service starts, which .NET 10 runs on a pool thread: waited for, within bounds.
                for (var waited = 0; !File.Exists(file) && waited < 100; waited++)
                {
                    await Task.Delay(100);
                }

                secret = (await File.ReadAllTextAsync(file)).Trim();
                Assert.True(secret.Length >= 40, secret);
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                }
            }

            await using var second = await StartAsync(settings);
            using var http = Client(second, secret);
            using var response = await http.PostAsync("/api/v1/write", Snappy(WriteRequests.Compressed([([("__name__", "up"), ("instance", "web-1:9100")], [(1, 1000)])]), compressed: true));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal(secret, (await File.ReadAllTextAsync(file)).Trim());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [PeerFact(PrometheusBinary)]
    public async Task Post_RealPrometheusRemoteWrite_SamplesArriveWithLabelsKept()
    {
        await using var host = await StartAsync();
        var directory = Directory.CreateTempSubdirectory("streams-prom-rw-");
        try
        {
            var port = PeerProcess.FreePort();
            var config = Path.Combine(directory.FullName, "prometheus.yml");
            await File.WriteAllTextAsync(config, $"""
                global:
                  scrape_interval: 1s
                  external_labels:
                    dc: test-dc
                scrape_configs:
                  - job_name: self
                    static_configs:
                      - targets: ['127.0.0.1:{port}']
                remote_write:
                  - url: {host.Url}api/v1/write
                    authorization:
                      credentials: {Secret}
                    queue_config:
                      batch_send_deadline: 1s
                      max_samples_per_send: 500
                """);
            using var prometheus = PeerProcess.Start(PrometheusBinary,
                "--config.file=" + config,
                "--storage.tsdb.path=" + Path.Combine(directory.FullName, "data"),
                "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));

            var arrived = await ListInboundSink.WaitUntilAsync(
                () => host.Sink.Samples.Any(s => s.metric == "prometheus_build_info"), TimeSpan.FromSeconds(90));

            Assert.True(arrived, "no remote-written sample arrived; prometheus said:\n" + prometheus.Output);
            var build = host.Sink.Samples.First(s => s.metric == "prometheus_build_info");
            Assert.Equal("127.0.0.1", build.host);
            Assert.Equal("self", build.tags["job"]);
            Assert.Equal("test-dc", build.tags["dc"]);
            Assert.True(build.tags.ContainsKey("version"));
            Assert.Contains(host.Sink.Samples, s => s.metric == "up" && s.value == 1);
            Assert.Empty(host.Sink.DeadLetters);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static Task<ReceiverHost> StartAsync(Dictionary<string, string?>? settings = null) => ReceiverHost.StartAsync(
        PrometheusServiceCollectionExtensions.SinkKey,
        settings ?? new Dictionary<string, string?> { ["Prometheus:RemoteWriteToken"] = Secret },
        (services, configuration) => services.AddPrometheus(configuration),
        endpoints => endpoints.MapPrometheusRemoteWrite());

    private static HttpClient Client(ReceiverHost host, string secret = Secret)
    {
        var http = new HttpClient { BaseAddress = host.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return http;
    }

    private static ByteArrayContent Snappy(byte[] body, bool compressed = false)
    {
        var content = new ByteArrayContent(compressed ? body : global::Snappier.Snappy.CompressToArray(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        return content;
    }
}
