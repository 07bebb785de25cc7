using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streams.Api;
using Streams.Api.Benchmarks;
using Streams.Api.Contracts;
using Streams.Api.Live;
using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;

// dotnet run -c Release --project tests/bench/Streams.Api.Benchmarks -- [clients=1000] [messages per second=1000] [seconds=10] | --smoke
// One API instance on Kestrel (loopback), N WebSocket clients subscribed to every feed, and
// anomaly frames (~600 bytes, the REST shape) published into the live hub at a fixed rate; each
// frame goes to every client. Prints what the clients received per second, what was dropped
// for slow clients, and the CPU the process used (clients included: they share the machine).
var smoke = args is ["--smoke"];
if (smoke)
{
    // Tiny sizes for infra/test.sh (tests/bench/smoke.sh): every frame must reach every client.
    args = ["20", "50", "2"];
}

var clients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;

var builder = WebApplication.CreateBuilder();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Logging.SetMinimumLevel(LogLevel.Error);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Api:Auth:Enabled"] = "false",
    ["Api:DataDir"] = Path.Combine(Path.GetTempPath(), "streams-api-bench"),
    ["Api:ConfigCatchUpTimeout"] = "00:00:01",
    ["Api:RateLimit:PermitLimit"] = "1000000",
});
// The API reads its keys and configuration from compacted topics at start, so it needs a broker:
// an embedded one with the catalogue's topics, empty. The figures do not touch it.
using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
kafka.CreateTopics(TopicCatalogue.All);
var endpoints = new BenchEndpoints(kafka.BootstrapServers);
builder.Services.AddSingleton<IKafkaEndpoint>(endpoints);
builder.Services.AddSingleton<ISchemaRegistryEndpoint>(endpoints);
builder.Services.AddSingleton<IClickHouseEndpoint>(endpoints);
builder.Services.AddApi(builder.Configuration);
await using var app = builder.Build();
app.MapStreamsApi();
await app.StartAsync();
var hub = app.Services.GetRequiredService<LiveHub>();
var url = new Uri(app.Urls.First().Replace("http", "ws", StringComparison.Ordinal) + "/api/live?feeds=anomalies");

var sockets = new List<ClientWebSocket>();
for (var i = 0; i < clients; i++)
{
    var socket = new ClientWebSocket();
    await socket.ConnectAsync(url, CancellationToken.None);
    sockets.Add(socket);
}

while (hub.ClientCount < clients)
{
    await Task.Delay(50);
}

long received = 0;
long droppedReported = 0;
using var stop = new CancellationTokenSource();
var readers = sockets.Select(s => Task.Run(async () =>
{
    var buffer = new byte[16 * 1024];
    try
    {
        while (!stop.IsCancellationRequested)
        {
            var result = await s.ReceiveAsync(buffer, stop.Token);
            if (result.EndOfMessage)
            {
                Interlocked.Increment(ref received);
                if (buffer[9] == (byte)'d')
                {
                    // {"type":"dropped",...}: the count is not parsed, the frame is.
                    Interlocked.Increment(ref droppedReported);
                }
            }
        }
    }
    catch (Exception e) when (e is OperationCanceledException or WebSocketException)
    {
        // The run is over.
    }
})).ToList();

var anomaly = new AnomalyView(
    "a1b2c3d4e5f6", "web-1", null, DateTimeOffset.UtcNow.AddSeconds(-10), DateTimeOffset.UtcNow, 9.4, 3.1, "critical", "ensemble", "20261130T101500Z",
    [new ContributionView("cpu.util", 0.61, 0.97, 0.31), new ContributionView("load.1m", 0.22, 7.9, 1.2), new ContributionView("mem.used.percent", 0.09, 0.81, 0.64)],
    3, DateTimeOffset.UtcNow, new Dictionary<string, string> { ["role"] = "web", ["dc"] = "eu-1" });
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
long published = 0;
while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
{
    // Paced in 10 ms slices: publish what the rate says is due.
    var due = (long)(clock.Elapsed.TotalSeconds * rate);
    for (; published < due; published++)
    {
        hub.Publish(LiveFilter.Anomalies, "anomaly", anomaly, anomaly.Host, 3);
    }

    await Task.Delay(10);
}

var sendSeconds = clock.Elapsed.TotalSeconds;
var expected = published * clients;
var drainDeadline = Stopwatch.StartNew();
while (Interlocked.Read(ref received) - Interlocked.Read(ref droppedReported) < expected && drainDeadline.Elapsed < TimeSpan.FromSeconds(10))
{
    await Task.Delay(50);
}

var elapsed = clock.Elapsed.TotalSeconds;
var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
var frames = Interlocked.Read(ref received) - Interlocked.Read(ref droppedReported);
await stop.CancelAsync();
await Task.WhenAll(readers);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"clients {clients}, published {published / sendSeconds:F0} msg/s for {sendSeconds:F1} s: delivered {frames:N0} of {expected:N0} frames ({frames / elapsed:N0} frames/s incl. {elapsed - sendSeconds:F1} s drain), " +
    $"lost to drop-oldest {expected - frames:N0} ({droppedReported:N0} dropped notices), CPU {used.TotalSeconds / elapsed * 100:F0}% of one core (server + clients)"));
foreach (var socket in sockets)
{
    socket.Abort();
    socket.Dispose();
}

await app.StopAsync();
if (smoke && frames < expected)
{
    Console.Error.WriteLine($"SMOKE FAILED: {frames} of {expected} frames delivered");
    return 1;
}

return 0;
