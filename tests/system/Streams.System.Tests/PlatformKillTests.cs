using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Streams.Testing;
using Xunit.Abstractions;

namespace Streams.System.Tests;

/// <summary>
/// What <c>streams up</c> runs, in one process, killed with SIGKILL twice under load and started
/// again on its data directory: the broker's journal, the roles' state and the sink's offsets
/// must come back so that nothing acknowledged is lost or written twice, a firing alert is not
/// notified again, and an acknowledgement and an announced model made between the kills stay.
/// </summary>
[Collection(nameof(SystemGroup))]
public sealed class PlatformKillTests(ITestOutputHelper output)
{
    // The test command runs 10 servers and 2 kills; the README's figure comes from the same test
    // with STREAMS_KILL_SERVERS=1000 STREAMS_KILLS=10.
    private static readonly int Servers = SoakSettings.Number("STREAMS_KILL_SERVERS", 10);
    private static readonly int Kills = SoakSettings.Number("STREAMS_KILLS", 2);

    // A kill in each 35 s slot after a first stretch of load, at a random moment of its first 15 s.
    private static readonly double[] KillSlots = [.. Enumerable.Range(0, Kills).Select(i => 20.0 + (35.0 * i))];
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(Math.Max(90, 20 + (35 * Kills)));
    private const string AnnouncedHost = "machine-1-2";

    [Fact]
    public async Task WholePlatformKilled9TwiceUnderLoad_NothingLostOrDuplicated_AndNoAlertNotifiedTwice()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        // The one-process shape, so not the Compose services: a deliberate subset, the roles a
        // sample and its alert go through, in the platform process itself.
        using var platform = await SplitPlatform.StartAsync(output, "processor", "scorer", "alerting", "sink", "notifier", "api");
        using var receiver = new WebhookReceiver();
        using (var http = platform.Client(platform.Platform))
        {
            await CpuAnyAlert.ConfigureAsync(http, receiver);
        }

        var summary = new StringBuilder();
        var clock = Stopwatch.StartNew();
        var simulate = platform.Simulate(Servers, Load, summary);

        // An operator announces a model while the load runs (training takes a while) and
        // acknowledges an alert between the kills: the kills after them must keep both.
        var announcing = AnnounceModelAsync(platform);
        string? acknowledged = null;
        foreach (var slot in KillSlots)
        {
            await clock.UntilAsync(TimeSpan.FromSeconds(slot + (15 * random.NextDouble())));
            platform.Platform.Kill9();
            var killedAt = clock.Elapsed;
            await platform.Restart(platform.Platform).WaitReadyAsync(TimeSpan.FromSeconds(120));
            output.WriteLine($"killed at {killedAt.TotalSeconds:F1} s ({DateTime.UtcNow - (clock.Elapsed - killedAt):HH:mm:ss.fff}), ready again after {(clock.Elapsed - killedAt).TotalSeconds:F1} s");
            if (acknowledged is null)
            {
                acknowledged = await AcknowledgeOneAsync(platform);
                await announcing;
                output.WriteLine($"acknowledged {acknowledged} and announced a model for {AnnouncedHost} by {clock.Elapsed.TotalSeconds:F1} s");
            }
        }

        using (var simulating = new CancellationTokenSource(Load + TimeSpan.FromSeconds(120)))
        {
            await simulate.WaitForExitAsync(simulating.Token);
        }

        Assert.True(simulate.ExitCode == 0, $"streams simulate exited with {simulate.ExitCode}");
        // While the broker is down the simulator's sends wait and retry; what it never saw
        // acknowledged is not owed, but it is said.
        output.WriteLine($"simulator: failed {SplitPlatform.Measure(summary, "failed")}, unconfirmed {SplitPlatform.Measure(summary, "unconfirmed")}");
        await SampleLedger.AssertEveryAcknowledgedSampleOnceAsync(platform, SplitPlatform.Measure(summary, "samples (metrics.raw)"), output);
        await CpuAnyAlert.AssertEachHostNotifiedOnceAsync(platform, receiver, Servers, output);
        using var api = platform.Client(platform.Platform);
        await AssertStillAcknowledgedAsync(api, acknowledged!);
        var models = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/models", UriKind.Relative))).RootElement;
        var announced = models.EnumerateArray().Where(m => m.GetProperty("host").GetString() == AnnouncedHost).ToList();
        Assert.True(announced.Any(m => m.GetProperty("origin").GetString() == "announced" && m.GetProperty("current").GetBoolean()),
            $"the model announced for {AnnouncedHost} is not the current one after the kills: the API lists {models.GetArrayLength()} versions, for {AnnouncedHost} [{string.Join(", ", announced)}]; "
            + $"records on the models topic with a key naming it: {platform.CountRecords("models", key => key?.Contains(AnnouncedHost, StringComparison.Ordinal) == true)}");
    }

    /// <summary>Acknowledges one firing alert through the API and waits until the alerting role has moved it; returns its fingerprint.</summary>
    private static async Task<string> AcknowledgeOneAsync(SplitPlatform platform)
    {
        using var http = platform.Client(platform.Platform);
        string? fingerprint = null;
        // 120 s: at 1,000 servers a restarted one-process platform restores its state and works
        // through the backlog of its downtime before the first window of the new load fires.
        await platform.EventuallyAsync(TimeSpan.FromSeconds(120), async () =>
        {
            var firing = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/alerts?state=firing", UriKind.Relative))).RootElement.GetProperty("items");
            fingerprint = firing.EnumerateArray().Select(a => a.GetProperty("fingerprint").GetString()).FirstOrDefault();
            return fingerprint is not null;
        }, "no firing alert to acknowledge");
        using var ack = await http.PostAsync(new Uri($"/api/alerts/{fingerprint}/ack", UriKind.Relative), new StringContent("""{"comment":"on it"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, ack.StatusCode);
        await platform.EventuallyAsync(TimeSpan.FromSeconds(60), async () => await AlertStateAsync(http, fingerprint!) == "acknowledged", $"alert {fingerprint} was not acknowledged");
        return fingerprint!;
    }

    /// <summary>
    /// The acknowledgement held across the kills: from it on the alert stayed acknowledged until it
    /// resolved (a long run's load ends minutes before this check, and its alerts may resolve).
    /// </summary>
    private static async Task AssertStillAcknowledgedAsync(HttpClient http, string fingerprint)
    {
        var states = JsonDocument.Parse(await http.GetStringAsync(new Uri($"/api/alerts/{fingerprint}/history?pageSize=500", UriKind.Relative))).RootElement
            .GetProperty("items").EnumerateArray().Select(a => a.GetProperty("state").GetString()).ToList();
        var acknowledged = states.IndexOf("acknowledged");
        Assert.True(acknowledged >= 0, $"alert {fingerprint} was never acknowledged: {string.Join(" > ", states)}");
        Assert.True(!states.Skip(acknowledged).TakeWhile(s => s != "resolved").Any(s => s is "firing" or "pending"),
            $"alert {fingerprint} went back to firing after its acknowledgement: {string.Join(" > ", states)}");
    }

    private static async Task<string?> AlertStateAsync(HttpClient http, string fingerprint) =>
        JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/alerts?state=active&pageSize=500", UriKind.Relative))).RootElement.GetProperty("items")
            .EnumerateArray().Where(a => a.GetProperty("fingerprint").GetString() == fingerprint).Select(a => a.GetProperty("state").GetString()).FirstOrDefault();

    /// <summary><c>streams train</c> on an SMD machine's train file, announced on the platform's <c>models</c> topic.</summary>
    private static async Task AnnounceModelAsync(SplitPlatform platform)
    {
        var smd = Path.GetFullPath(Path.Combine(RepositoryFiles.Root, "..", "shared", "datasets", "smd"));
        Assert.True(Directory.Exists(Path.Combine(smd, "train")), $"the SMD dataset is not at {smd} (the README's set-up puts ../shared/datasets next to the repository)");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = platform.Root };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "streams.dll"), "train", "--from", "smd", "--machine", AnnouncedHost, "--data", smd,
            $"--data-dir={Path.Combine(platform.Root, "train")}", $"--Kafka:BootstrapServers=127.0.0.1:{platform.KafkaPort}", $"--SchemaRegistry:Url=http://127.0.0.1:{platform.RegistryPort}"])
        {
            info.ArgumentList.Add(arg);
        }

        using var train = Process.Start(info)!;
        var stdout = train.StandardOutput.ReadToEndAsync();
        var stderr = train.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await train.WaitForExitAsync(timeout.Token);
        Assert.True(train.ExitCode == 0, $"streams train exited with {train.ExitCode}: {await stderr}\n{await stdout}");
    }
}
