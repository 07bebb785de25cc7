using ClickHouse.Driver;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Sinks.ClickHouse.Migrations;

namespace Streams.Sinks.ClickHouse.Tests.Migrations;

[Collection(SinkPlatformGroup.Name)]
public sealed class ClickHouseMigratorTests(SinkPlatformFixture platform)
{
    [Fact]
    public async Task ApplyAsync_Twice_SecondRunAppliesNothingAndSchemaIsUnchanged()
    {
        var (database, client) = await platform.CreateDatabaseAsync(migrate: false);
        using var _ = client;
        var migrator = new ClickHouseMigrator(client, NullLogger.Instance);

        var first = await migrator.ApplyAsync(MigrationCatalogue.All, CancellationToken.None);
        var schema = await SchemaAsync(client, database);
        var second = await migrator.ApplyAsync(MigrationCatalogue.All, CancellationToken.None);

        Assert.Equal(MigrationCatalogue.All.Select(m => m.Name), first.Select(m => m.Name));
        Assert.Empty(second);
        Assert.Equal(schema, await SchemaAsync(client, database));
        Assert.Equal((ulong)MigrationCatalogue.All.Count, await client.ExecuteScalarAsync("SELECT count() FROM schema_migrations"));
        Assert.Equal(MigrationCatalogue.All[1].Checksum,
            await client.ExecuteScalarAsync($"SELECT checksum FROM schema_migrations WHERE version = {MigrationCatalogue.All[1].Version}"));
        foreach (var table in new[] { "metrics_raw", "metrics_1m", "metrics_1h", "metric_windows", "logs", "anomalies", "alerts", "notifications", "sink_batches", "series_1h", "forecasts" })
        {
            Assert.Contains(schema, s => s.StartsWith(table + ":", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ApplyAsync_AppliedMigrationEdited_ThrowsNamingTheMigration()
    {
        var (_, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        var edited = MigrationCatalogue.All.Select(m => m.Version == 2 ? m with { Sql = m.Sql + "\n-- edited" } : m).ToList();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new ClickHouseMigrator(client, NullLogger.Instance).ApplyAsync(edited, CancellationToken.None));

        Assert.Contains("002_metrics_raw", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureMetricsRawTtlAsync_OtherDays_TtlChangedOnceThenLeftAlone()
    {
        var (database, client) = await platform.CreateDatabaseAsync();
        using var _ = client;
        var migrator = new ClickHouseMigrator(client, NullLogger.Instance);

        await migrator.EnsureMetricsRawTtlAsync(7, CancellationToken.None);
        var engine = (string?)await client.ExecuteScalarAsync($"SELECT engine_full FROM system.tables WHERE database = '{database}' AND name = 'metrics_raw'");
        await migrator.EnsureMetricsRawTtlAsync(7, CancellationToken.None);

        Assert.Contains("toIntervalDay(7)", engine, StringComparison.Ordinal);
        Assert.Equal(engine, await client.ExecuteScalarAsync($"SELECT engine_full FROM system.tables WHERE database = '{database}' AND name = 'metrics_raw'"));
    }

    private static async Task<List<string>> SchemaAsync(ClickHouseClient client, string database)
    {
        var schema = new List<string>();
        using var reader = await client.ExecuteReaderAsync(
            $"SELECT name, create_table_query FROM system.tables WHERE database = '{database}' ORDER BY name");
        while (await reader.ReadAsync())
        {
            schema.Add(reader.GetString(0) + ":" + reader.GetString(1));
        }

        return schema;
    }
}
