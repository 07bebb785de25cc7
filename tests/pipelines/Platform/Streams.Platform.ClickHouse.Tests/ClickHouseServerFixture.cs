using ClickHouse.Driver;

namespace Streams.Platform.ClickHouse.Tests;

/// <summary>One embedded ClickHouse per test class on a free port and a temporary data directory.</summary>
public sealed class ClickHouseServerFixture : IAsyncLifetime
{
    private EmbeddedClickHouseServer? server;

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "streams-chdb-tests-" + Guid.NewGuid().ToString("N"));

    public EmbeddedClickHouseServer Server => server ?? throw new InvalidOperationException("The server did not start.");

    public ClickHouseClient Client { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        server = await EmbeddedClickHouseServer.StartAsync(new EmbeddedClickHouseOptions { Port = 0, DataPath = DataPath });
        Client = new ClickHouseClient(server.ConnectionString);
        Http = new HttpClient { BaseAddress = server.Url };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        Client?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        if (Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }

    /// <summary>A table name no other test uses.</summary>
    public static string UniqueTable(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..12];
}
