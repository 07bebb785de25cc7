using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Streams.System.Tests;

/// <summary>
/// The distributed shape the Compose file and the Kubernetes manifests run: the platform in one
/// process and every role in its own, talking over the platform's ports, as the Compose file
/// configures them (plain <c>Kafka__BootstrapServers</c> etc.).
/// </summary>
public sealed class SplitRolesTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Roles = ["processor", "scorer", "alerting", "sink", "notifier"];
    private readonly string root = Directory.CreateTempSubdirectory("streams-system-").FullName;
    private readonly List<RoleProcess> processes = [];

    [Fact]
    public async Task RolesAsSeparateProcesses_SimulatedFleet_AlertsReachClickHouseAndTheDashboardOfTheOtherApi()
    {
        var clock = Stopwatch.StartNew();
        int kafkaPort = FreePort(), registryPort = FreePort(), clickHousePort = FreePort(), platformPort = FreePort();
        var platform = Start("platform", "platform", platformPort, new Dictionary<string, string>(),
            $"--Kafka:Embedded:Port={kafkaPort}", $"--SchemaRegistry:Embedded:Port={registryPort}", $"--ClickHouse:Embedded:Port={clickHousePort}");
        await platform.WaitReadyAsync(TimeSpan.FromSeconds(120));
        var adminKeyFile = Path.Combine(root, "platform", "api", "admin.key");
        var admin = (await File.ReadAllTextAsync(adminKeyFile)).Trim();
        var environment = new Dictionary<string, string>
        {
            ["Kafka__BootstrapServers"] = $"127.0.0.1:{kafkaPort}",
            ["SchemaRegistry__Url"] = $"http://127.0.0.1:{registryPort}",
            ["ClickHouse__Url"] = $"http://127.0.0.1:{clickHousePort}",
            // An embedded broker has no CreateTopics API: Streamiz' internal topics are made through the platform.
            ["Kafka__PlatformUrl"] = $"http://127.0.0.1:{platformPort}",
            ["Kafka__PlatformApiKeyFile"] = adminKeyFile,
        };
        var roles = Roles
            .Select(role => Start(role, role, FreePort(), environment)).ToList();
        var api1 = Start("api-1", "api", FreePort(), environment);
        var api2 = Start("api-2", "api", FreePort(), environment);
        foreach (var process in roles.Append(api1).Append(api2))
        {
            await process.WaitReadyAsync(TimeSpan.FromSeconds(180));
        }

        output.WriteLine($"{processes.Count} processes ready after {clock.Elapsed.TotalSeconds:F0} s");

        // Configured through one API instance, in force in the other and in the roles.
        using var http1 = Client(api1.Api, admin);
        using var http2 = Client(api2.Api, admin);
        Assert.Equal(HttpStatusCode.OK, (await http1.PutAsync(new Uri("/api/preferences/wall", UriKind.Relative), Json(
            """{"name":"NOC wall","team":"noc","channels":[{"type":"dashboard","address":"noc-wall"}],"minSeverity":"info"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http1.PutAsync(new Uri("/api/rules/cpu-any", UriKind.Relative), Json(
            """{"id":"cpu-any","name":"CpuAny","kind":"threshold","severity":"warning","for":"0s","threshold":{"metric":"cpu.util","statistic":"mean","comparator":">","value":0,"clear":-1}}"""))).StatusCode);
        await EventuallyAsync(TimeSpan.FromSeconds(15), async () => (await http2.GetAsync(new Uri("/api/rules/cpu-any", UriKind.Relative))).StatusCode == HttpStatusCode.OK, "the rule written through api-1 is not served by api-2");

        using var feed = new ClientWebSocket();
        await feed.ConnectAsync(new Uri($"ws://127.0.0.1:{api2.Api.Port}/api/live?feeds=notifications&access_token={admin}"), CancellationToken.None);
        var notification = ReceiveNotificationAsync(feed, TimeSpan.FromSeconds(240));

        var summary = new StringBuilder();
        var simulate = Simulate(kafkaPort, registryPort, platformPort, adminKeyFile, summary);
        using (var simulating = new CancellationTokenSource(TimeSpan.FromSeconds(180)))
        {
            await simulate.WaitForExitAsync(simulating.Token);
        }

        Assert.True(simulate.ExitCode == 0, $"streams simulate exited with {simulate.ExitCode}");
        var samples = Measure(summary, "samples (metrics.raw)");
        Assert.Equal((0, 0), (Measure(summary, "failed"), Measure(summary, "unconfirmed")));

        // The dashboard channel of the notifier process reaches a browser of api-2 through Kafka.
        var frame = await notification;
        Assert.True(frame is not null, "no notification reached api-2's live feed\n" + Logs());
        Assert.Equal("noc-wall", frame.Value.GetProperty("recipient").GetString());
        output.WriteLine($"notification on api-2 after {clock.Elapsed.TotalSeconds:F0} s: {frame.Value.GetProperty("title").GetString()}");

        // The sink process wrote what the other processes produced.
        using var clickHouse = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{clickHousePort}") };
        foreach (var table in new[] { "metrics_raw", "metric_windows", "alerts", "notifications" })
        {
            long rows = 0;
            await EventuallyAsync(TimeSpan.FromSeconds(60), async () =>
            {
                using var response = await clickHouse.PostAsync(new Uri("/", UriKind.Relative), new StringContent($"SELECT count() FROM {table}"));
                rows = response.IsSuccessStatusCode ? long.Parse(await response.Content.ReadAsStringAsync(), global::System.Globalization.CultureInfo.InvariantCulture) : 0;
                return rows > 0;
            }, $"no rows in {table}");
            output.WriteLine($"{table}: {rows} rows");
        }

        // Nothing lost, nothing twice: every sample the simulator saw acknowledged is a row of
        // metrics_raw (gap markers and forward fills are the processor's own rows) or a dead letter.
        var deadLetters = CountDeadLetters(kafkaPort, "metrics.raw");
        long written = 0, distinct = 0;
        await EventuallyAsync(TimeSpan.FromSeconds(90), async () =>
        {
            using var response = await clickHouse.PostAsync(new Uri("/", UriKind.Relative), new StringContent(
                "SELECT count(), uniqExact(host, metric, ts, tags) FROM metrics_raw WHERE NOT gap AND NOT forward_filled"));
            var counts = (await response.Content.ReadAsStringAsync()).Trim().Split('\t');
            (written, distinct) = (long.Parse(counts[0], global::System.Globalization.CultureInfo.InvariantCulture), long.Parse(counts[1], global::System.Globalization.CultureInfo.InvariantCulture));
            return written + deadLetters >= samples;
        }, $"metrics_raw holds {written} of {samples} acknowledged samples ({deadLetters} dead letters)");
        output.WriteLine($"samples acknowledged {samples}, rows {written} ({distinct} distinct), dead letters {deadLetters}");
        Assert.Equal(samples, written + deadLetters);
        Assert.Equal(written, distinct);
    }

    public void Dispose()
    {
        foreach (var process in processes)
        {
            process.Dispose();
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException e)
        {
            output.WriteLine($"left {root}: {e.Message}");
        }
    }

    private RoleProcess Start(string name, string roles, int apiPort, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var process = RoleProcess.Start(name, roles, Path.Combine(root, name), apiPort, environment, args);
        processes.Add(process);
        return process;
    }

    private static long Measure(StringBuilder summary, string measure)
    {
        // A row of the simulator's summary table: "│ samples (metrics.raw) │  7,020 │".
        var row = summary.ToString().Split('\n').Select(l => l.Split('│', StringSplitOptions.TrimEntries)).FirstOrDefault(c => c.Length > 2 && c[1] == measure);
        Assert.True(row is not null, $"no '{measure}' in the simulator's summary:\n{summary}");
        return long.Parse(row[2], global::System.Globalization.NumberStyles.AllowThousands, global::System.Globalization.CultureInfo.InvariantCulture);
    }

    private static long CountDeadLetters(int kafkaPort, string sourceTopic)
    {
        using var consumer = new Confluent.Kafka.ConsumerBuilder<string, byte[]>(new Confluent.Kafka.ConsumerConfig
        {
            BootstrapServers = $"127.0.0.1:{kafkaPort}",
            GroupId = "system-test-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe("deadletter");
        long count = 0;
        var quietUntil = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < quietUntil)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message })
            {
                count += message.Key == sourceTopic ? 1 : 0;
                quietUntil = DateTime.UtcNow.AddSeconds(3);
            }
        }

        consumer.Close();
        return count;
    }

    private Process Simulate(int kafkaPort, int registryPort, int platformPort, string adminKeyFile, StringBuilder summary)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var arg in (string[])[
            Path.Combine(AppContext.BaseDirectory, "streams.dll"), "simulate", "--servers", "5", "--duration", "00:00:40",
            "--bootstrap-servers", $"127.0.0.1:{kafkaPort}", "--schema-registry", $"http://127.0.0.1:{registryPort}",
            "--platform", $"http://127.0.0.1:{platformPort}/", "--labels-file", Path.Combine(root, "labels.jsonl")])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["STREAMS_Kafka__PlatformApiKeyFile"] = adminKeyFile;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (summary) { summary.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line && !line.StartsWith('%')) { output.WriteLine("simulate: " + line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<JsonElement?> ReceiveNotificationAsync(ClientWebSocket socket, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var text = new StringBuilder();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, cancel.Token);
                    text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                }
                while (!result.EndOfMessage);
                var frame = JsonDocument.Parse(text.ToString()).RootElement;
                if (frame.GetProperty("type").GetString() == "notification")
                {
                    return frame.GetProperty("data").Clone();
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private async Task EventuallyAsync(TimeSpan timeout, Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(failure + "\n" + Logs());
            }

            await Task.Delay(500);
        }
    }

    private string Logs() => string.Join("\n", processes.Select(p => $"--- {p.Name}\n{p.Tail(15)}"));

    private static HttpClient Client(Uri api, string key)
    {
        var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
