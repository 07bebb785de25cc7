using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Collectors.Prometheus;
using Streams.Collectors.Prometheus.Benchmarks;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Prometheus.RemoteWrite;
using Streams.Collectors.Prometheus.Scraping;
using Streams.Collectors.Prometheus.Tests.Support;
using Streams.Collectors.Publishing;

// Usage: [seconds per figure, default 5] [targets, default 1000] [series per target, default 200] | --smoke
// --smoke (infra/test.sh): 1 s per figure, 20 targets of 20 series; fails when a path delivers nothing.
var smoke = args is ["--smoke"];
if (smoke)
{
    args = ["1", "20", "20"];
}

var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var targets = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var seriesPerTarget = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200;
var duration = TimeSpan.FromSeconds(seconds);
var failures = 0;
Console.WriteLine($"{Environment.ProcessorCount} CPUs; {seconds} s per figure");

// A Prometheus-sized remote-write request: max_samples_per_send 2000 (its default), one sample per series, node-exporter-like labels.
var request = WriteRequests.Compressed(Enumerable.Range(0, 2000).Select(i =>
    ((IReadOnlyList<(string, string)>)[("__name__", "node_cpu_seconds_total"), ("cpu", (i % 64).ToString(CultureInfo.InvariantCulture)), ("instance", $"web-{i / 64}:9100"), ("job", "node"), ("mode", "user")],
     (IReadOnlyList<(double, long)>)[(i * 1.5, 1_764_064_800_000)])));
Console.WriteLine($"remote-write request: 2000 samples, {request.Length} bytes snappy");

// 1. Decode + map only.
var counting = new CountingSink();
var receiver = new RemoteWriteReceiver(new PrometheusOptions(), counting, NullLogger.Instance);
Report("remote-write decode+map (in memory)", Measure(() => receiver.Receive(request, request.Length).Accepted, duration));

// 2. Decode + map + the spooling publisher's Avro encoding and disk append (what Publish costs; Kafka not involved).
var spool = Directory.CreateTempSubdirectory("streams-bench-spool-");
try
{
    var endpoints = new UnreachableEndpoints();
    using var kafkaSink = new KafkaInboundSink(new PublishingOptions { SpoolPath = spool.FullName, SpoolMaxBytes = 4L << 30, SegmentBytes = 64L << 20 }, null, endpoints, endpoints, NullLogger.Instance);
    var spooled = new RemoteWriteReceiver(new PrometheusOptions(), kafkaSink, NullLogger.Instance);
    Report("remote-write decode+map+spool (Avro, disk)", Measure(() => spooled.Receive(request, request.Length).Accepted, duration));
}
finally
{
    spool.Delete(recursive: true);
}

// 3. Over HTTP: real Kestrel with the receiver, 4 concurrent senders on loopback.
await using (var host = await StartAsync(builder => builder.Services.AddKeyedSingleton<IInboundSink>(PrometheusServiceCollectionExtensions.SinkKey, new CountingSink()), app => app.MapPrometheusRemoteWrite(), services => services.AddPrometheus(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?> { ["Prometheus:RemoteWriteToken"] = "bench" }).Build())))
{
    using var http = new HttpClient { BaseAddress = host.Url };
    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "bench");
    long posted = 0;
    var stopwatch = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
    {
        while (stopwatch.Elapsed < duration)
        {
            using var content = new ByteArrayContent(request);
            content.Headers.ContentEncoding.Add("snappy");
            using var response = await http.PostAsync("/api/v1/write", content);
            response.EnsureSuccessStatusCode();
            Interlocked.Add(ref posted, 2000);
        }
    }));
    Report("remote-write over HTTP (Kestrel, 4 senders)", (posted, stopwatch.Elapsed));
}

// 4. Scrape: one loopback server serving N exposition pages of S series each, scraped as N targets.
var page = ExpositionPage(seriesPerTarget);
Console.WriteLine($"scrape: {targets} targets x {seriesPerTarget} series, {Encoding.UTF8.GetByteCount(page)} bytes a page");
await using (var pages = await StartAsync(_ => { }, app => app.MapGet("/t/{id}/metrics", () => Results.Text(page, "text/plain; version=0.0.4")), _ => { }))
{
    var sink = new CountingSink();
    var options = new PrometheusOptions
    {
        StaticTargets = [new StaticTargetGroup { Targets = [.. Enumerable.Range(0, targets).Select(i => new Uri(pages.Url, $"/t/{i}/metrics").ToString())] }],
        ScrapeTimeoutSeconds = 15,
    };
    using var http = new HttpClient();
    var loop = new ScrapeLoop(options, new TargetDiscovery(options), new Scraper(options, http, sink, NullLogger.Instance), NullLogger.Instance);
    await loop.ScrapeAllAsync(CancellationToken.None);
    for (var round = 1; round <= 3; round++)
    {
        var stopwatch = Stopwatch.StartNew();
        var samples = await loop.ScrapeAllAsync(CancellationToken.None);
        var elapsed = stopwatch.Elapsed;
        Console.WriteLine($"scrape round {round}: {targets} targets, {samples:N0} series in {elapsed.TotalSeconds:F2} s = {samples / elapsed.TotalSeconds:N0} series/s ({elapsed.TotalSeconds / 15:P0} of a 15 s interval)");
        Check(samples == targets * seriesPerTarget, $"scrape round {round}");
    }
}

return failures;

void Report(string name, (long Samples, TimeSpan Elapsed) result)
{
    Console.WriteLine($"{name}: {result.Samples:N0} samples in {result.Elapsed.TotalSeconds:F1} s = {result.Samples / result.Elapsed.TotalSeconds:N0} samples/s");
    Check(result.Samples > 0, name);
}

void Check(bool delivered, string name)
{
    if (smoke && !delivered)
    {
        Console.Error.WriteLine($"SMOKE FAILED: {name} delivered nothing");
        failures = 1;
    }
}

static (long Samples, TimeSpan Elapsed) Measure(Func<int> run, TimeSpan duration)
{
    run();
    long samples = 0;
    var stopwatch = Stopwatch.StartNew();
    while (stopwatch.Elapsed < duration)
    {
        samples += run();
    }

    return (samples, stopwatch.Elapsed);
}

static string ExpositionPage(int series)
{
    var text = new StringBuilder("# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n# TYPE node_cpu_seconds_total counter\n");
    for (var i = 0; i < series; i++)
    {
        text.Append(CultureInfo.InvariantCulture, $"node_cpu_seconds_total{{cpu=\"{i / 8}\",mode=\"m{i % 8}\"}} {i * 12.25}\n");
    }

    return text.ToString();
}

static async Task<BenchHost> StartAsync(Action<WebApplicationBuilder> configure, Action<WebApplication> map, Action<IServiceCollection> register)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Logging.ClearProviders();
    configure(builder);
    register(builder.Services);
    var app = builder.Build();
    map(app);
    await app.StartAsync();
    return new BenchHost(app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
}

internal sealed record BenchHost(WebApplication App, Uri Url) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
