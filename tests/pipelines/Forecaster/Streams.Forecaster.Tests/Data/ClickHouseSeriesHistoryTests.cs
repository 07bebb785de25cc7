using System.Reflection;
using ClickHouse.Driver;
using Streams.Forecaster.Cycle;
using Streams.Forecaster.Data;
using Streams.Platform.ClickHouse;

namespace Streams.Forecaster.Tests.Data;

/// <summary>The reader against the embedded ClickHouse with the sink's migrations.</summary>
public sealed class ClickHouseSeriesHistoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset From = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "streams-forecaster-tests-" + Guid.NewGuid().ToString("N"));
    private EmbeddedClickHouseServer? server;

    public async Task InitializeAsync()
    {
        server = await EmbeddedClickHouseServer.StartAsync(new EmbeddedClickHouseOptions { Port = 0, DataPath = dataPath });
        using var client = Client();
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("migrations.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var lines = (await reader.ReadToEndAsync()).Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal));
            foreach (var statement in string.Join('\n', lines).Split(';').Select(s => s.Trim()).Where(s => s.Length > 0))
            {
                await client.ExecuteNonQueryAsync(statement);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        if (Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    [Fact]
    public async Task ReadHostsAsync_TwoHostsWithAGap_HostByHostOnTheHourlyGrid()
    {
        // Two partial rows of one hour (two inserts, before a merge) average by samples; hour 2 of "/" is missing.
        using var client = Client();
        await client.ExecuteNonQueryAsync(
            "INSERT INTO series_1h (hour, host, metric, series, samples, sum, min, max) VALUES " +
            "('2026-11-30 00:00:00', 'db-1', 'fs.used.percent', 'fs.used.percent{mount=/}', 6, 60, 10, 10), " +
            "('2026-11-30 01:00:00', 'db-1', 'fs.used.percent', 'fs.used.percent{mount=/}', 6, 66, 11, 11), " +
            "('2026-11-30 03:00:00', 'db-1', 'fs.used.percent', 'fs.used.percent{mount=/}', 6, 78, 13, 13), " +
            "('2026-11-30 00:00:00', 'db-1', 'mem.used.percent', 'mem.used.percent', 6, 300, 50, 50), " +
            "('2026-11-30 00:00:00', 'db-2', 'cpu.util', 'cpu.util', 2, 20, 10, 10), " +
            "('2026-11-30 04:00:00', 'db-2', 'cpu.util', 'cpu.util', 1, 10, 10, 10), " +
            "('2026-11-30 00:00:00', 'db-2', 'disk.util', 'disk.util{device=sda}', 1, 1, 1, 1)");
        await client.ExecuteNonQueryAsync(
            "INSERT INTO series_1h (hour, host, metric, series, samples, sum, min, max) VALUES ('2026-11-30 00:00:00', 'db-2', 'cpu.util', 'cpu.util', 2, 60, 30, 30)");
        using var source = new ClickHouseSeriesHistory(new Endpoint(server!));

        var hosts = new List<IReadOnlyList<SeriesHistory>>();
        await foreach (var host in source.ReadHostsAsync(["fs.used.percent", "mem.used.percent", "cpu.util"], From, From.AddHours(4), "", CancellationToken.None))
        {
            hosts.Add(host);
        }

        Assert.Equal(2, hosts.Count);
        Assert.Equal(["fs.used.percent{mount=/}", "mem.used.percent"], hosts[0].Select(s => s.Series));
        var root = hosts[0][0].Values;
        Assert.Equal(From, root.Start);
        Assert.Equal(4, root.Count);
        Assert.Equal(10, root.Values[0]);
        Assert.Equal(11, root.Values[1]);
        Assert.True(double.IsNaN(root.Values[2]));
        Assert.Equal(13, root.Values[3]);
        var cpu = Assert.Single(hosts[1]);
        Assert.Equal(20, cpu.Values.Values[0]);
        Assert.Equal(4, cpu.Values.Count);

        var after = new List<string>();
        await foreach (var host in source.ReadHostsAsync(["cpu.util"], From, From.AddHours(4), "db-1", CancellationToken.None))
        {
            after.Add(host[0].Host);
        }

        Assert.Equal(["db-2"], after);
    }

    private ClickHouseClient Client() => new(server!.ConnectionString + ";Compression=false");

    private sealed class Endpoint(EmbeddedClickHouseServer server) : IClickHouseEndpoint
    {
        public Uri Url => server.Url;

        public string ConnectionString => server.ConnectionString;

        public bool IsEmbedded => true;
    }
}
