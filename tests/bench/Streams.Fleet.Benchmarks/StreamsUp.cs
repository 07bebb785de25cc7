using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Streams.Fleet.Benchmarks;

/// <summary>
/// One <c>streams up</c> as its own process, on a temporary data directory and free ports, so it
/// shares nothing with another platform on the machine; and the user-facing views of it the
/// harness reads: the API, <c>/metrics</c>, the ClickHouse endpoint, <c>streams status</c> and
/// <c>streams simulate</c>. Nothing here reads the pipeline's internals, so a change of the
/// metrics contract does not touch it.
/// </summary>
internal sealed class StreamsUp : IAsyncDisposable
{
    private readonly string executable;
    private readonly string dataDir;
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private StreamsUp(string executable, string dataDir, Process process, StreamWriter log, int kafka, int registry, int clickHouse, int api)
    {
        this.executable = executable;
        this.dataDir = dataDir;
        this.process = process;
        this.log = log;
        (KafkaPort, RegistryPort, ClickHousePort, ApiPort) = (kafka, registry, clickHouse, api);
    }

    public int KafkaPort { get; }

    public int RegistryPort { get; }

    public int ClickHousePort { get; }

    public int ApiPort { get; }

    public int ProcessId => process.Id;

    public string Bootstrap => $"127.0.0.1:{KafkaPort}";

    public string RegistryUrl => $"http://127.0.0.1:{RegistryPort}";

    public string LogFile => Path.Combine(dataDir + ".log");

    private string AdminKeyFile => Path.Combine(dataDir, "api", "admin.key");

    private string[] Endpoints => EndpointArgs(KafkaPort, RegistryPort, ClickHousePort, ApiPort);

    /// <summary>Starts <c>streams up</c> and waits for <c>/readyz</c>, the admin key and the ClickHouse tables.</summary>
    public static async Task<StreamsUp> StartAsync(string executable, TimeSpan timeout)
    {
        var dataDir = Directory.CreateTempSubdirectory("streams-fleet-bench-").FullName;
        int kafka = FreePort(), registry = FreePort(), clickHouse = FreePort(), api = FreePort();
        var log = new StreamWriter(dataDir + ".log", append: false) { AutoFlush = true };
        var info = Start(executable, ["up", $"--data-dir={dataDir}"]);
        foreach (var arg in EndpointArgs(kafka, registry, clickHouse, api).Concat([
            "--Zabbix:Port=0",
            // The webhook receiver is on loopback, which the notifier refuses unless allowed.
            "--Notifier:Targets:Allow:0=127.0.0.0/8",
        ]))
        {
            info.ArgumentList.Add(arg);
        }

        var started = new StreamsUp(executable, dataDir, Process.Start(info)!, log, kafka, registry, clickHouse, api);
        started.process.OutputDataReceived += (_, e) => started.Write(e.Data);
        started.process.ErrorDataReceived += (_, e) => started.Write(e.Data);
        started.process.BeginOutputReadLine();
        started.process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + timeout;
        while (!await started.ReadyAsync())
        {
            if (started.process.HasExited || DateTime.UtcNow > deadline)
            {
                var tail = started.Tail();
                await started.DisposeAsync();
                throw new InvalidOperationException($"streams up not ready within {timeout.TotalSeconds:N0} s (exited: {started.process.HasExited}):\n{tail}");
            }

            await Task.Delay(500);
        }

        return started;
    }

    /// <summary>Writes a rule or preference through the API, as an operator would (PUT /api/rules/{id}, /api/preferences/{id}).</summary>
    public async Task PutAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"http://127.0.0.1:{ApiPort}{path}"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(AdminKeyFile)).Trim());
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>One scalar from the ClickHouse endpoint.</summary>
    public async Task<long> ClickHouseScalarAsync(string sql)
    {
        using var response = await http.PostAsync(new Uri($"http://127.0.0.1:{ClickHousePort}/"), new StringContent(sql));
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? long.Parse(text.Trim(), CultureInfo.InvariantCulture) : throw new InvalidOperationException($"ClickHouse: {text}");
    }

    /// <summary>The sum of every series of a counter on <c>/metrics</c> (0 when none was written yet).</summary>
    public async Task<double> MetricSumAsync(string name)
    {
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{ApiPort}/metrics"));
        return text.Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is '{' or ' '))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary><c>streams status</c>: each consumer group's lag per topic, and each topic's end offset.</summary>
    public async Task<StatusSnapshot> StatusAsync()
    {
        var info = Start(executable, ["status", $"--data-dir={dataDir}", $"--Kafka:BootstrapServers={Bootstrap}", $"--SchemaRegistry:Url={RegistryUrl}", $"--ClickHouse:Url=http://127.0.0.1:{ClickHousePort}", .. Endpoints]);
        // A wide console keeps Spectre's tables one row per line.
        info.Environment["COLUMNS"] = "300";
        using var status = Process.Start(info)!;
        var errors = status.StandardError.ReadToEndAsync();
        var output = await status.StandardOutput.ReadToEndAsync();
        await errors;
        await status.WaitForExitAsync();
        return StatusSnapshot.Parse(output);
    }

    /// <summary>Runs <c>streams simulate</c> against this platform and returns its summary table's rows.</summary>
    public async Task<IReadOnlyDictionary<string, long>> SimulateAsync(int servers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var info = Start(executable, [
            "simulate", "--servers", servers.ToString(CultureInfo.InvariantCulture), "--duration", $"{(int)duration.TotalSeconds}s", "--incidents", "0",
            "--bootstrap-servers", Bootstrap, "--schema-registry", RegistryUrl, "--platform", $"http://127.0.0.1:{ApiPort}/",
            "--labels-file", Path.Combine(dataDir, "labels.jsonl")]);
        info.Environment["STREAMS_Kafka__PlatformApiKeyFile"] = AdminKeyFile;
        info.Environment["COLUMNS"] = "300";
        using var simulate = Process.Start(info)!;
        var errors = simulate.StandardError.ReadToEndAsync(cancellationToken);
        var output = await simulate.StandardOutput.ReadToEndAsync(cancellationToken);
        await simulate.WaitForExitAsync(cancellationToken);
        if (simulate.ExitCode != 0)
        {
            throw new InvalidOperationException($"streams simulate exited with {simulate.ExitCode}:\n{output}\n{await errors}");
        }

        // Rows of its summary: "│ samples (metrics.raw) │  7,020 │".
        return output.Split('\n')
            .Select(l => l.Split('│', StringSplitOptions.TrimEntries))
            .Where(c => c.Length > 3 && long.TryParse(c[2], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _))
            .GroupBy(c => c[1], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => long.Parse(g.First()[2], NumberStyles.AllowThousands, CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }

    public string Tail(int lines = 30)
    {
        lock (log)
        {
            using var reader = new StreamReader(new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return string.Join('\n', reader.ReadToEnd().Split('\n').Where(l => !l.StartsWith('%')).TakeLast(lines));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM: streams stops every stage and the platform and exits 0; kill only if it hangs.
            using (Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
            }

            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
        http.Dispose();
        lock (log)
        {
            log.Dispose();
        }

        Directory.Delete(dataDir, recursive: true);
        File.Delete(LogFile);
    }

    private static string[] EndpointArgs(int kafka, int registry, int clickHouse, int api) =>
    [
        $"--Kafka:Embedded:Port={kafka}", $"--SchemaRegistry:Embedded:Port={registry}", $"--ClickHouse:Embedded:Port={clickHouse}", $"--Api:Port={api}",
    ];

    private static ProcessStartInfo Start(string executable, string[] args)
    {
        // The apphost (bin/Release/net10.0/streams) or streams.dll through dotnet.
        var dll = executable.EndsWith(".dll", StringComparison.Ordinal);
        var info = new ProcessStartInfo(dll ? "dotnet" : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(executable)!,
        };
        if (dll)
        {
            info.ArgumentList.Add(executable);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<bool> ReadyAsync()
    {
        try
        {
            using var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{ApiPort}/readyz"));
            // The sink applies the migrations after start-up: the tables come a little after /readyz.
            return ready.StatusCode == HttpStatusCode.OK && File.Exists(AdminKeyFile)
                && await ClickHouseScalarAsync("SELECT count() FROM system.tables WHERE name = 'metrics_raw'") == 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}
