using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Platform.Kafka;
using Streams.Testing;
using Xunit.Abstractions;

namespace Streams.System.Tests;

/// <summary>
/// The distributed shape the Compose file and the Kubernetes manifests run: the platform in one
/// process and every role in its own, talking over the platform's ports, each started as its
/// service in docker-compose.kafka.yml runs (its roles and environment, see <see cref="StartRole"/>).
/// Each role keeps its own data directory, so a role started again after a kill finds what it left.
/// </summary>
internal sealed class SplitPlatform : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("streams-system-").FullName;
    private readonly List<RoleProcess> processes = [];
    private readonly ITestOutputHelper output;
    private readonly ComposeFile compose = ComposeFile.Load();

    private SplitPlatform(ITestOutputHelper output, int kafkaPort, int registryPort, int clickHousePort, int platformPort)
    {
        this.output = output;
        KafkaPort = kafkaPort;
        RegistryPort = registryPort;
        PlatformPort = platformPort;
        ClickHouse = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{clickHousePort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    // The tests' webhook receiver listens on loopback, which the notifier refuses unless allowed.
    private const string LoopbackTargets = "127.0.0.0/8";

    public int KafkaPort { get; }

    public int RegistryPort { get; }

    public int PlatformPort { get; }

    public string Root => root;

    public string AdminKeyFile => Path.Combine(root, "platform", "api", "admin.key");

    public string AdminKey { get; private set; } = "";

    public HttpClient ClickHouse { get; }

    /// <summary>The process running the platform (and the roles it was started with).</summary>
    public RoleProcess Platform { get; private set; } = null!;

    /// <summary>
    /// Starts the platform process (embedded Kafka, Schema Registry, ClickHouse, and any
    /// <paramref name="withRoles"/> in the same process) and waits until it is ready.
    /// </summary>
    public static async Task<SplitPlatform> StartAsync(ITestOutputHelper output, params string[] withRoles)
    {
        var platform = new SplitPlatform(output, FreePort(), FreePort(), FreePort(), FreePort());
        var process = platform.Start("platform", string.Join(',', ["platform", .. withRoles]), platform.PlatformPort, new Dictionary<string, string>(),
            $"--Kafka:Embedded:Port={platform.KafkaPort}", $"--SchemaRegistry:Embedded:Port={platform.RegistryPort}",
            $"--ClickHouse:Embedded:Port={platform.ClickHouse.BaseAddress!.Port}", $"--Notifier:Targets:Allow:0={LoopbackTargets}");
        await process.WaitReadyAsync(TimeSpan.FromSeconds(120));
        platform.Platform = process;
        platform.AdminKey = (await File.ReadAllTextAsync(platform.AdminKeyFile)).Trim();
        return platform;
    }

    /// <summary>The role services of docker-compose.kafka.yml, which the processes are started from.</summary>
    public IReadOnlyList<ComposeRole> Services => compose.RoleServices;

    /// <summary>
    /// Starts Compose service <paramref name="service"/> (its <c>streams run --roles</c> and its
    /// environment, made local by <see cref="ComposeEnvironment"/>) as process <paramref name="name"/>,
    /// with <paramref name="args"/> (kept across restarts).
    /// </summary>
    public RoleProcess StartRole(string name, string service, params string[] args)
    {
        var role = compose.RoleService(service);
        var environment = ComposeEnvironment.For(role, KafkaPort, RegistryPort, ClickHouse.BaseAddress!.Port);

        // Test-only: an embedded broker has no CreateTopics API, so Streamiz' internal topics are
        // made through the platform process (a real Kafka, as in Compose, needs neither key).
        environment["Kafka__PlatformUrl"] = $"http://127.0.0.1:{PlatformPort}";
        environment["Kafka__PlatformApiKeyFile"] = AdminKeyFile;
        environment["Notifier__Targets__Allow__0"] = LoopbackTargets;
        return Start(name, string.Join(',', role.Roles), FreePort(), environment, args);
    }

    /// <summary>Starts a role again on its data directory and API port, after a kill.</summary>
    public RoleProcess Restart(RoleProcess killed)
    {
        processes.Remove(killed);
        killed.Dispose();
        var process = RoleProcess.Start(killed.Name, killed.Roles, Path.Combine(root, killed.Name), killed.Api.Port, killed.Environment, () => Platform, killed.Args);
        processes.Add(process);
        if (killed == Platform)
        {
            Platform = process;
        }

        return process;
    }

    public HttpClient Client(RoleProcess api)
    {
        var http = new HttpClient { BaseAddress = api.Api, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return http;
    }

    /// <summary>Where <see cref="Simulate"/> writes the ground truth of the incidents it injects.</summary>
    public string LabelsFile => Path.Combine(root, "labels.jsonl");

    /// <summary><c>streams simulate</c> against the platform, with further <paramref name="options"/>; its summary table goes to <paramref name="summary"/>.</summary>
    public Process Simulate(int servers, TimeSpan duration, StringBuilder summary, params string[] options)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        foreach (var arg in (string[])[
            Path.Combine(AppContext.BaseDirectory, "streams.dll"), "simulate", "--servers", servers.ToString(CultureInfo.InvariantCulture),
            "--duration", duration.ToString("c", CultureInfo.InvariantCulture),
            "--bootstrap-servers", $"127.0.0.1:{KafkaPort}", "--schema-registry", $"http://127.0.0.1:{RegistryPort}",
            "--platform", $"http://127.0.0.1:{PlatformPort}/", "--labels-file", LabelsFile, .. options])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["STREAMS_Kafka__PlatformApiKeyFile"] = AdminKeyFile;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (summary) { summary.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line && !line.StartsWith('%')) { output.WriteLine("simulate: " + line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A row of the simulator's summary table: "│ samples (metrics.raw) │  7,020 │".</summary>
    public static long Measure(StringBuilder summary, string measure)
    {
        var row = summary.ToString().Split('\n').Select(l => l.Split('│', StringSplitOptions.TrimEntries)).FirstOrDefault(c => c.Length > 2 && c[1] == measure);
        Assert.True(row is not null, $"no '{measure}' in the simulator's summary:\n{summary}");
        return long.Parse(row[2], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    /// <summary>The dead letters whose source topic is <paramref name="sourceTopic"/>, as the topic holds them now.</summary>
    public long CountDeadLetters(string sourceTopic) => CountRecords("deadletter", key => key == sourceTopic);

    /// <summary>
    /// The records of <paramref name="topic"/> (whose key <paramref name="counted"/> accepts; every
    /// topic counted here is keyed), from the start of every partition to its end as it is now,
    /// read as the roles read their configuration topics (<see cref="CompactedTopicReader"/>).
    /// </summary>
    public long CountRecords(string topic, Func<string?, bool>? counted = null)
    {
        var bootstrap = $"127.0.0.1:{KafkaPort}";
        using var admin = new Confluent.Kafka.AdminClientBuilder(new Confluent.Kafka.AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Count;
        long count = 0;
        using var reader = new CompactedTopicReader(bootstrap, topic, partitions, (key, _) => count += counted is null || counted(key) ? 1 : 0, NullLogger.Instance);
        Assert.True(reader.CatchUp(TimeSpan.FromSeconds(60), CancellationToken.None), $"{topic}: not read to the end of its {partitions} partitions within 60 s ({count} records counted)");
        return count;
    }

    /// <summary>The tab-separated first row of a ClickHouse query, as numbers.</summary>
    public async Task<long[]> QueryNumbersAsync(string sql) => (await QueryRowsAsync(sql))[0];

    /// <summary>Every tab-separated row of a ClickHouse query, as numbers.</summary>
    public async Task<long[][]> QueryRowsAsync(string sql) =>
        [.. (await QueryTextAsync(sql)).Select(row => row.Select(n => long.Parse(n, CultureInfo.InvariantCulture)).ToArray())];

    /// <summary>Every tab-separated row of a ClickHouse query, as its fields.</summary>
    public async Task<string[][]> QueryTextAsync(string sql)
    {
        using var response = await ClickHouse.PostAsync(new Uri("/", UriKind.Relative), new StringContent(sql));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"ClickHouse refused `{sql}`: {text}");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(row => row.Split('\t'))];
    }

    public Task EventuallyAsync(TimeSpan timeout, Func<Task<bool>> condition, string failure) => EventuallyAsync(timeout, condition, () => failure);

    /// <param name="failure">Made when the time is up, so it can say what the condition saw last.</param>
    public async Task EventuallyAsync(TimeSpan timeout, Func<Task<bool>> condition, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(failure() + "\n" + Logs());
            }

            await Task.Delay(500);
        }
    }

    /// <summary>The lines of every process's log that contain <paramref name="text"/>, the first <paramref name="max"/> of them.</summary>
    public string LogLines(string text, int max) =>
        string.Join("\n", processes.SelectMany(p => p.Tail(int.MaxValue).Split('\n').Where(l => l.Contains(text, StringComparison.Ordinal)).Select(l => $"{p.Name}: {l}")).Take(max));

    public string Logs() => string.Join("\n", processes.Select(p => $"--- {p.Name}\n{p.Tail(15)}"));

    public int ProcessCount => processes.Count;

    public void Dispose()
    {
        foreach (var process in processes)
        {
            process.Dispose();
        }

        ClickHouse.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException e)
        {
            output.WriteLine($"left {root}: {e.Message}");
        }
    }

    /// <summary>PUTs a JSON document through the API and fails with the problem document if it is refused.</summary>
    public static async Task PutAsync(HttpClient api, string path, string json)
    {
        using var response = await api.PutAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private RoleProcess Start(string name, string roles, int apiPort, IReadOnlyDictionary<string, string> roleEnvironment, params string[] args)
    {
        var process = RoleProcess.Start(name, roles, Path.Combine(root, name), apiPort, roleEnvironment, () => Platform, args);
        processes.Add(process);
        return process;
    }
}
