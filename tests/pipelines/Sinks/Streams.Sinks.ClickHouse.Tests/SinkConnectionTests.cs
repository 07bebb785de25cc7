using ClickHouse.Driver;
using Confluent.Kafka;
using Streams.Platform.ClickHouse;
using Streams.Sinks.ClickHouse.Consuming;
using Streams.Sinks.ClickHouse.Rows;

namespace Streams.Sinks.ClickHouse.Tests;

[Collection(SinkPlatformGroup.Name)]
public sealed class SinkConnectionTests(SinkPlatformFixture platform)
{
    [Fact]
    public void ConnectionString_RemoteServer_DriverDefaults() =>
        Assert.Equal("Host=ch;Port=8123", ClickHouseSinkService.ConnectionString(new Endpoint("Host=ch;Port=8123", embedded: false)));

    [Fact]
    public async Task ConnectionString_Embedded_UncompressedInsertsLand()
    {
        var (database, setup) = await platform.CreateDatabaseAsync();
        setup.Dispose();
        var connectionString = ClickHouseSinkService.ConnectionString(new Endpoint(platform.ClickHouse.ConnectionString + ";Database=" + database, embedded: true));
        using var client = new ClickHouseClient(connectionString);
        var mapper = new MetricSampleRows();
        var rows = new List<object[]>();
        foreach (var sample in SinkPlatformFixture.Samples(1_000, new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc)))
        {
            mapper.AddRows(sample, rows);
        }

        await BatchInsert.InsertAsync(client, mapper, new OffsetRange(new TopicPartition("plain", 0), 0, 999, 0), rows, CancellationToken.None);

        Assert.EndsWith(";Compression=false", connectionString, StringComparison.Ordinal);
        Assert.Equal((ulong)1_000, await client.ExecuteScalarAsync("SELECT count() FROM metrics_raw"));
    }

    private sealed class Endpoint(string connectionString, bool embedded) : IClickHouseEndpoint
    {
        public Uri Url { get; } = new("http://127.0.0.1:8123/");

        public string ConnectionString { get; } = connectionString;

        public bool IsEmbedded { get; } = embedded;
    }
}
