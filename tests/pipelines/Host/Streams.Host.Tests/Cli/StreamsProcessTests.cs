using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Streams.Host.Tests.Hosting;

namespace Streams.Host.Tests.Cli;

/// <summary>The real <c>streams</c> executable, as a person or Kubernetes runs it.</summary>
[Collection(EmbeddedPlatformGroup.Name)]
public sealed partial class StreamsProcessTests
{
    private const int SigTerm = 15;

    [Fact]
    public async Task Up_ThenSigterm_BecomesReadyAndExitsCleanly()
    {
        var apiPort = FreePort();
        var output = new System.Text.StringBuilder();
        using var streams = await StartReadyAsync(
            [.. StreamsAppTests.FreePorts.Where(a => !a.StartsWith("--Api", StringComparison.Ordinal)), "--Zabbix:Port=0", $"--Api:Port={apiPort}", $"--data-dir={StreamsAppTests.TempDir()}"],
            new Uri($"http://127.0.0.1:{apiPort}"),
            output);
        try
        {
            Assert.Equal(0, Kill(streams.Id, SigTerm));
            Assert.True(streams.WaitForExit(TimeSpan.FromSeconds(30)), "streams did not stop within 30 s of SIGTERM");
            // The parameterless wait also waits for the redirected output to be read to its end.
            streams.WaitForExit();
            Assert.Equal(0, streams.ExitCode);
            lock (output)
            {
                Assert.Contains("Application is shutting down", output.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            // A failed run must not leave `streams up` holding ports and spool locks for the tests after it.
            if (!streams.HasExited)
            {
                streams.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Run_UnknownRole_ExitsWithCode2AndOneLineOnStderr()
    {
        using var streams = Start("run", ["--roles", "bogus"]);
        var stderr = await streams.StandardError.ReadToEndAsync();
        Assert.True(streams.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal(2, streams.ExitCode);
        Assert.Equal($"streams: Unknown role 'bogus'; this build has: {Streams.Host.Hosting.RoleCatalogue.Names()}.", stderr.Trim());
    }

    [Fact]
    public async Task Run_ApiBeyondLoopbackWithKeysOff_ExitsWithCode2AndOneLineOnStderr()
    {
        using var streams = Start("run", ["--roles", "platform", "--Api:Host=0.0.0.0", "--Api:Port=0", "--Api:Auth:Enabled=false", "--data-dir", StreamsAppTests.TempDir()]);
        var stderr = await streams.StandardError.ReadToEndAsync();
        Assert.True(streams.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal(2, streams.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("streams: Refusing to start: the api port on 0.0.0.0:0", line, StringComparison.Ordinal);
        Assert.Contains("Security:AllowUnauthenticatedRemote=true", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DataDirectoryInUseForTheRole_ExitsWithCode2AndOneLineOnStderr()
    {
        var dataDir = StreamsAppTests.TempDir();
        using var running = Streams.Host.Hosting.DataDirectoryLock.Acquire(dataDir, ["api"]);

        using var streams = Start("run", ["--roles", "api", "--data-dir", dataDir, "--Api:Port=0"]);
        var stderr = await streams.StandardError.ReadToEndAsync();
        Assert.True(streams.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal(2, streams.ExitCode);
        Assert.Equal(
            $"streams: Data directory {dataDir} is in use by another streams process running the api role: stop it, or start this one with its own --data-dir.",
            stderr.Trim());
    }

    [Fact]
    public async Task Up_SigtermThenKill9_RulePreferenceSilenceAndKeysSurviveInTheDataDirectory()
    {
        var apiPort = FreePort();
        var dataDir = StreamsAppTests.TempDir();
        // Every listener on a free port: another process on the machine may hold Zabbix's 10051.
        string[] args = ["--Kafka:Embedded:Port=0", "--SchemaRegistry:Embedded:Port=0", "--ClickHouse:Embedded:Port=0", "--Zabbix:Port=0", $"--Api:Port={apiPort}", $"--data-dir={dataDir}"];
        var api = new Uri($"http://127.0.0.1:{apiPort}");
        Process? streams = await StartReadyAsync(args, api);
        try
        {
            var admin = (await File.ReadAllTextAsync(Path.Combine(dataDir, "api", "admin.key"))).Trim();
            using var asAdmin = Client(api, admin);
            Assert.Equal(HttpStatusCode.OK, (await asAdmin.PutAsync(new Uri("/api/rules/load-high", UriKind.Relative), Json(
                """{"id":"load-high","name":"LoadHigh","kind":"threshold","severity":"warning","for":"1m","threshold":{"metric":"load.1","statistic":"mean","comparator":">","value":8,"clear":6}}"""))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await asAdmin.PutAsync(new Uri("/api/preferences/oncall", UriKind.Relative), Json(
                """{"name":"On call","team":"ops","channels":[{"type":"webhook","url":"https://hooks.example.com/streams"}],"minSeverity":"warning"}"""))).StatusCode);
            using var silence = await asAdmin.PostAsync(new Uri("/api/silences", UriKind.Relative), Json("""{"matchers":["host=\"web-1\""],"duration":"2h","comment":"maintenance"}"""));
            Assert.Equal(HttpStatusCode.Created, silence.StatusCode);
            var silenceId = System.Text.Json.JsonDocument.Parse(await silence.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            using var created = await asAdmin.PostAsync(new Uri("/api/keys", UriKind.Relative), Json("""{"name":"victor","role":"viewer"}"""));
            var viewer = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("key").GetString()!;

            Assert.Equal(0, Kill(streams.Id, SigTerm));
            Assert.True(streams.WaitForExit(TimeSpan.FromSeconds(30)), "streams did not stop within 30 s of SIGTERM");
            Assert.Equal(0, streams.ExitCode);
            streams.Dispose();
            // Cleared first: if the start fails, the finally block must not touch the disposed process and hide why.
            streams = null;
            streams = await StartReadyAsync(args, api);
            await AssertKeptAsync(api, viewer, silenceId, "after SIGTERM");

            // kill -9: nothing flushed or closed on the way out.
            streams.Kill(entireProcessTree: true);
            Assert.True(streams.WaitForExit(TimeSpan.FromSeconds(30)));
            streams.Dispose();
            streams = null;
            streams = await StartReadyAsync(args, api);
            await AssertKeptAsync(api, viewer, silenceId, "after kill -9");
            Assert.Equal(admin, (await File.ReadAllTextAsync(Path.Combine(dataDir, "api", "admin.key"))).Trim());
        }
        finally
        {
            if (streams is { HasExited: false })
            {
                streams.Kill(entireProcessTree: true);
            }

            streams?.Dispose();
        }
    }

    private static async Task AssertKeptAsync(Uri api, string viewer, string silenceId, string when)
    {
        using var asViewer = Client(api, viewer);
        // The API answers once it has read the configuration topics; a few seconds at most.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode rule;
        while ((rule = (await asViewer.GetAsync(new Uri("/api/rules/load-high", UriKind.Relative))).StatusCode) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Assert.True(rule == HttpStatusCode.OK, $"the rule {when}: {(int)rule} (401 means the viewer key was lost)");
        Assert.Equal(HttpStatusCode.OK, (await asViewer.GetAsync(new Uri("/api/preferences/oncall", UriKind.Relative))).StatusCode);
        var silences = await asViewer.GetStringAsync(new Uri("/api/silences?pageSize=500", UriKind.Relative));
        Assert.Contains(silenceId, silences, StringComparison.Ordinal);
        var rules = System.Text.Json.JsonDocument.Parse(await asViewer.GetStringAsync(new Uri("/api/rules?pageSize=500", UriKind.Relative))).RootElement;
        // The default rules are written only into an empty topic: a restart must not write them again.
        Assert.Equal(Streams.Alerting.Rules.DefaultRules.All.Count + 1, rules.GetProperty("total").GetInt32());
    }

    /// <summary>Starts <c>streams up</c> and waits for <c>/readyz</c>; its output is appended to <paramref name="output"/> as it runs.</summary>
    private static async Task<Process> StartReadyAsync(string[] args, Uri api, System.Text.StringBuilder? output = null)
    {
        var streams = Start("up", args);
        // Drained as it runs: a full pipe would block the process's logging and so the process.
        output ??= new System.Text.StringBuilder();
        streams.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        streams.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        streams.BeginOutputReadLine();
        streams.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5), BaseAddress = api };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var lastAnswer = "no answer";
        while (!streams.HasExited && DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return streams;
                }

                lastAnswer = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                lastAnswer = e.GetType().Name + ": " + e.Message;
            }

            await Task.Delay(250);
        }

        var exited = streams.HasExited ? $"it exited with {streams.ExitCode}" : "it was still running";
        if (!streams.HasExited)
        {
            streams.Kill(entireProcessTree: true);
        }

        lock (output)
        {
            // CI shows the first lines of a failure: what readyz last said and where the log stopped come first.
            var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Fail($"streams up did not become ready within 90 s ({exited}); /readyz last answered: {lastAnswer}\n"
                + $"its last log line: {lines.LastOrDefault()}\nwhole log:\n{output}");
        }

        return streams;
    }

    private static HttpClient Client(Uri api, string key)
    {
        var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static Process Start(string verb, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streams.dll"));
        info.ArgumentList.Add(verb);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
