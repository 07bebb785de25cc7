using System.Net;
using System.Net.Sockets;
using ClickHouse.Driver;

namespace Streams.Platform.ClickHouse.Tests;

/// <summary>Lifecycle: restart on the same data directory, port conflicts.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "streams-chdb-restart-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task StartAsync_SameDataPathAfterDispose_KeepsData()
    {
        await using (var first = await EmbeddedClickHouseServer.StartAsync(new EmbeddedClickHouseOptions { Port = 0, DataPath = dataPath }))
        {
            using var client = new ClickHouseClient(first.ConnectionString);
            await client.ExecuteNonQueryAsync("CREATE TABLE kept (id UInt32) ENGINE = MergeTree ORDER BY id");
            await client.ExecuteNonQueryAsync("INSERT INTO kept SELECT number FROM numbers(1234)");
        }

        await using var second = await EmbeddedClickHouseServer.StartAsync(new EmbeddedClickHouseOptions { Port = 0, DataPath = dataPath });
        using var again = new ClickHouseClient(second.ConnectionString);

        Assert.Equal((ulong)1234, await again.ExecuteScalarAsync("SELECT count() FROM kept"));
    }

    [Fact]
    public async Task StartAsync_PortInUse_OneLineErrorNamingPortAndOption()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => EmbeddedClickHouseServer.StartAsync(new EmbeddedClickHouseOptions { Port = port, DataPath = dataPath }));

        Assert.Contains($":{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("ClickHouse:Embedded:Port", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);

        // The failed start released chDB: the same process can start it again.
        await using var server = await EmbeddedClickHouseServer.StartAsync(new EmbeddedClickHouseOptions { Port = 0, DataPath = dataPath });
        using var client = new ClickHouseClient(server.ConnectionString);
        Assert.True(await client.PingAsync());
    }

    public void Dispose()
    {
        if (Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }
}
