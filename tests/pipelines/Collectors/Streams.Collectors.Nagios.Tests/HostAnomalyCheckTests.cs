using ClickHouse.Driver;
using Streams.Collectors.Nagios.Checks;
using Streams.Collectors.Prometheus.Tests.Support;
using Streams.Platform.ClickHouse;

namespace Streams.Collectors.Nagios.Tests;

public sealed class HostAnomalyCheckTests
{
    private static readonly HostCheckRequest Request = new("web-1", WarningAnomalies: 1, CriticalAnomalies: 5, WarningScore: 3, CriticalScore: 6);

    [Theory]
    [InlineData(0, null, 0, 0, "STREAMS OK - web-1: 0 anomalies in the last 15 min, 0 firing alerts | anomalies=0;1;5;0; score=0;3;6;; firing_alerts=0;;;0;")]
    [InlineData(2, 2.5, 0, 1, "STREAMS WARNING - web-1: 2 anomalies in the last 15 min (max score 2.5), 0 firing alerts | anomalies=2;1;5;0; score=2.5;3;6;; firing_alerts=0;;;0;")]
    [InlineData(0, null, 1, 1, "STREAMS WARNING - web-1: 0 anomalies in the last 15 min, 1 firing alert | anomalies=0;1;5;0; score=0;3;6;; firing_alerts=1;;;0;")]
    [InlineData(6, 4.25, 0, 2, "STREAMS CRITICAL - web-1: 6 anomalies in the last 15 min (max score 4.25), 0 firing alerts | anomalies=6;1;5;0; score=4.25;3;6;; firing_alerts=0;;;0;")]
    [InlineData(1, 7.0, 0, 2, "STREAMS CRITICAL - web-1: 1 anomaly in the last 15 min (max score 7), 0 firing alerts | anomalies=1;1;5;0; score=7;3;6;; firing_alerts=0;;;0;")]
    public void Evaluate_Summaries_StateExitCodeAndOneLineWithPerfdata(int anomalies, double? score, int firing, int exit, string line)
    {
        var outcome = HostAnomalyCheck.Evaluate(Request, new HostAnomalySummary(true, anomalies, score, firing));

        Assert.Equal(exit, outcome.ExitCode);
        Assert.Equal(line, outcome.StatusLine);
        Assert.DoesNotContain('\n', outcome.StatusLine);
    }

    [Fact]
    public void Evaluate_UnknownHost_Unknown()
    {
        var outcome = HostAnomalyCheck.Evaluate(Request, new HostAnomalySummary(false, 0, null, 0));

        Assert.Equal(NagiosCheckOutcome.Unknown, outcome.ExitCode);
        Assert.StartsWith("STREAMS UNKNOWN - host 'web-1' is unknown", outcome.StatusLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ClickHouseUnreachable_UnknownSayingSo()
    {
        var check = new HostAnomalyCheck($"Host=127.0.0.1;Port={PeerProcess.FreePort()}");

        var outcome = await check.RunAsync(Request with { TimeoutSeconds = 5 }, CancellationToken.None);

        Assert.Equal(NagiosCheckOutcome.Unknown, outcome.ExitCode);
        Assert.StartsWith("STREAMS UNKNOWN - ClickHouse", outcome.StatusLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InvalidThresholds_UnknownWithoutAsking()
    {
        var outcome = await new HostAnomalyCheck("Host=127.0.0.1;Port=1").RunAsync(Request with { WarningAnomalies = 9, CriticalAnomalies = 2 }, CancellationToken.None);

        Assert.Equal((3, "STREAMS UNKNOWN - thresholds must satisfy 0 <= warning <= critical"), (outcome.ExitCode, outcome.StatusLine));
    }

    [Fact]
    public async Task RunAsync_EmbeddedClickHouseWithTheSinkTables_ExitCodeForEachState()
    {
        var root = FindRepositoryRoot();
        var library = Path.Combine(root, ".cache", "chdb", "libchdb.so");
        if (!File.Exists(library))
        {
            // chDB is fetched by infra/setup/install.sh; without it there is no embedded ClickHouse to test against.
            return;
        }

        var data = Path.Combine(Path.GetTempPath(), "streams-nagios-chdb-" + Guid.NewGuid().ToString("N"));
        await using var server = await EmbeddedClickHouseServer.StartAsync(new EmbeddedClickHouseOptions { Port = 0, DataPath = data, LibraryPath = library });
        try
        {
            using var client = new ClickHouseClient(server.ConnectionString);
            foreach (var migration in new[] { "002_metrics_raw.sql", "006_anomalies.sql", "007_alerts.sql" })
            {
                await client.ExecuteNonQueryAsync(await File.ReadAllTextAsync(Path.Combine(root, "infra", "clickhouse", "migrations", migration)));
            }

            await client.ExecuteNonQueryAsync("INSERT INTO metrics_raw (ts, host, metric, value, unit, kind, source, interval_ms, gap, forward_filled, normalised) VALUES (now64(3), 'quiet-1', 'cpu.user', 0.1, 'ratio', 'GAUGE', 'AGENT', 10000, false, false, true), (now64(3), 'sick-1', 'cpu.user', 0.9, 'ratio', 'GAUGE', 'AGENT', 10000, false, false, true)");
            await client.ExecuteNonQueryAsync("INSERT INTO anomalies (id, host, window_start, window_end, score, threshold, severity, model, model_version, consecutive_windows, detected_at) SELECT toString(number), 'sick-1', now64(3) - 60, now64(3), 2 + number, 1, 'major', 'pca', 'v1', 1, now64(3) FROM numbers(6)");
            await client.ExecuteNonQueryAsync("INSERT INTO alerts (fingerprint, rule_id, rule_version, state, severity, labels, starts_at, updated_at, group_key, escalation_level, flapping) VALUES ('f1', 'r1', 1, 'FIRING', 'WARNING', map('host', 'warm-1'), now64(3), now64(3), 'g', 0, false), ('f2', 'r1', 1, 'FIRING', 'WARNING', map('host', 'quiet-1'), now64(3) - 10, now64(3) - 10, 'g', 0, false), ('f2', 'r1', 1, 'RESOLVED', 'WARNING', map('host', 'quiet-1'), now64(3) - 10, now64(3), 'g', 0, false)");
            await client.ExecuteNonQueryAsync("INSERT INTO metrics_raw (ts, host, metric, value, unit, kind, source, interval_ms, gap, forward_filled, normalised) VALUES (now64(3), 'warm-1', 'cpu.user', 0.5, 'ratio', 'GAUGE', 'AGENT', 10000, false, false, true)");
            var check = new HostAnomalyCheck(server.ConnectionString);

            var quiet = await check.RunAsync(new HostCheckRequest("quiet-1"), CancellationToken.None);
            var warm = await check.RunAsync(new HostCheckRequest("warm-1"), CancellationToken.None);
            var sick = await check.RunAsync(new HostCheckRequest("sick-1"), CancellationToken.None);
            var unknown = await check.RunAsync(new HostCheckRequest("never-seen"), CancellationToken.None);

            Assert.Equal(0, quiet.ExitCode);
            Assert.Equal(1, warm.ExitCode);
            Assert.Contains("1 firing alert", warm.StatusLine, StringComparison.Ordinal);
            Assert.Equal(2, sick.ExitCode);
            Assert.Contains("anomalies=6;1;5;0; score=7;", sick.StatusLine, StringComparison.Ordinal);
            Assert.Equal(3, unknown.ExitCode);
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Streams.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Streams.sln not found above " + AppContext.BaseDirectory);
    }
}
