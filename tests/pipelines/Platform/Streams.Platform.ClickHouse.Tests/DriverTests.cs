using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Compression;

namespace Streams.Platform.ClickHouse.Tests;

/// <summary>The unmodified ClickHouse.Driver against the embedded endpoint.</summary>
public sealed class DriverTests(ClickHouseServerFixture fixture) : IClassFixture<ClickHouseServerFixture>
{
    private static readonly string[] Columns = ["ts", "host", "value"];

    private ClickHouseClient Client => fixture.Client;

    [Fact]
    public async Task EmbeddedEngine_QueryProfilerOff_NoSignalInterruptsAQueryThread()
    {
        var periods = await Client.ExecuteScalarAsync(
            "SELECT toString(getSetting('query_profiler_real_time_period_ns')) || ',' || toString(getSetting('query_profiler_cpu_time_period_ns'))");

        Assert.Equal("0,0", periods);
    }

    [Fact]
    public async Task InsertBinaryAsync_100kRows_CountAndAggregatesMatch()
    {
        var table = await CreateMetricsTableAsync();
        const int rows = 100_000;
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var written = await Client.InsertBinaryAsync(table, Columns, Rows(start, rows, 0));

        Assert.Equal(rows, written);
        Assert.Equal((ulong)rows, await Client.ExecuteScalarAsync($"SELECT count() FROM {table}"));
        Assert.Equal((double)rows * (rows - 1) / 2, await Client.ExecuteScalarAsync($"SELECT sum(value) FROM {table}"));
        Assert.Equal((ulong)10, await Client.ExecuteScalarAsync($"SELECT uniqExact(host) FROM {table}"));
        var last = (DateTime)(await Client.ExecuteScalarAsync($"SELECT max(ts) FROM {table}"))!;
        Assert.Equal(start.AddMilliseconds(rows - 1), last.ToUniversalTime());

        using var reader = await Client.ExecuteReaderAsync(
            $"SELECT host, count() AS n, avg(value) AS a FROM {table} GROUP BY host ORDER BY host");
        var groups = 0;
        while (await reader.ReadAsync())
        {
            Assert.Equal($"host-{groups}", reader.GetString(0));
            Assert.Equal((ulong)(rows / 10), reader.GetFieldValue<ulong>(1));
            groups++;
        }

        Assert.Equal(10, groups);
    }

    [Fact]
    public async Task InsertBinaryAsync_ZstdCompressedBody_RowsArrive()
    {
        var table = await CreateMetricsTableAsync();

        await Client.InsertBinaryAsync(table, Columns, Rows(DateTime.UtcNow, 1_000, 0),
            new InsertOptions { Compressor = ZstdCompressor.Default });
        await Client.InsertBinaryAsync(table, Columns, Rows(DateTime.UtcNow, 500, 0),
            new InsertOptions { Compressor = GZipCompressor.Default, QueryPlacement = InsertQueryPlacement.Body });

        Assert.Equal((ulong)1_500, await Client.ExecuteScalarAsync($"SELECT count() FROM {table}"));
    }

    [Fact]
    public async Task InsertBinaryAsync_ParallelBatches_AllRowsArrive()
    {
        var table = await CreateMetricsTableAsync();

        var written = await Client.InsertBinaryAsync(table, Columns, Rows(DateTime.UtcNow, 40_000, 0),
            new InsertOptions { BatchSize = 5_000, MaxDegreeOfParallelism = 4 });

        Assert.Equal(40_000, written);
        Assert.Equal((ulong)40_000, await Client.ExecuteScalarAsync($"SELECT count() FROM {table}"));
    }

    [Fact]
    public async Task AdoCommand_ParametersAndReader_ReadTypedRows()
    {
        var table = await CreateMetricsTableAsync();
        var at = new DateTime(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc);
        await Client.InsertBinaryAsync(table, Columns, [[at, "web-1", 1.5], [at.AddSeconds(1), "web-2", 2.5]]);
        using var connection = Client.CreateConnection();
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT ts, host, value FROM {table} WHERE host = {{host:String}} AND value > {{min:Float64}}";
        command.Parameters.Add(new ClickHouseDbParameter { ParameterName = "host", Value = "web-2" });
        command.Parameters.Add(new ClickHouseDbParameter { ParameterName = "min", Value = 2.0 });

        using var reader = await command.ExecuteReaderAsync();

        Assert.True(await reader.ReadAsync());
        Assert.Equal(at.AddSeconds(1), reader.GetDateTime(0).ToUniversalTime());
        Assert.Equal("web-2", reader.GetString(1));
        Assert.Equal(2.5, reader.GetDouble(2));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task ExecuteScalarAsync_ServerSideParameters_Bound()
    {
        var parameters = new ClickHouseParameterCollection
        {
            new ClickHouseDbParameter { ParameterName = "n", Value = 41 },
            new ClickHouseDbParameter { ParameterName = "s", Value = "it's \"quoted\"\t\\" },
        };

        var result = await Client.ExecuteScalarAsync("SELECT concat({s:String}, '|', toString({n:Int32} + 1))", parameters);

        Assert.Equal("it's \"quoted\"\t\\|42", result);
    }

    [Fact]
    public async Task ExecuteScalarAsync_BadSql_ThrowsWithClickHouseMessageAndServerKeepsServing()
    {
        var error = await Assert.ThrowsAsync<ClickHouseServerException>(() => Client.ExecuteScalarAsync("SELEC 1"));

        Assert.Contains("SYNTAX_ERROR", error.Message, StringComparison.Ordinal);
        Assert.Equal(62, error.ErrorCode);
        Assert.Equal((byte)1, await Client.ExecuteScalarAsync("SELECT 1"));
    }

    [Fact]
    public async Task ExecuteScalarAsync_UnknownTable_ThrowsUnknownTable()
    {
        var error = await Assert.ThrowsAsync<ClickHouseServerException>(
            () => Client.ExecuteScalarAsync("SELECT count() FROM no_such_table"));

        Assert.Contains("UNKNOWN_TABLE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InsertBinaryAsync_SameDeduplicationToken_ReplayIsNoOp()
    {
        var table = ClickHouseServerFixture.UniqueTable("dedup");
        await Client.ExecuteNonQueryAsync(
            $"CREATE TABLE {table} (ts DateTime64(3), host LowCardinality(String), value Float64) ENGINE = MergeTree ORDER BY (host, ts) " +
            "SETTINGS non_replicated_deduplication_window = 1000");
        var batch = Rows(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), 1_000, 0).ToList();

        await Client.InsertBinaryAsync(table, Columns, batch, Token("metrics.raw/0/0-999"));
        await Client.InsertBinaryAsync(table, Columns, batch, Token("metrics.raw/0/0-999"));
        Assert.Equal((ulong)1_000, await Client.ExecuteScalarAsync($"SELECT count() FROM {table}"));

        await Client.InsertBinaryAsync(table, Columns, batch, Token("metrics.raw/0/1000-1999"));
        Assert.Equal((ulong)2_000, await Client.ExecuteScalarAsync($"SELECT count() FROM {table}"));

        // The token is a per-request setting: a later insert without one is not deduplicated.
        await Client.InsertBinaryAsync(table, Columns, batch);
        Assert.Equal((ulong)3_000, await Client.ExecuteScalarAsync($"SELECT count() FROM {table}"));
    }

    [Fact]
    public async Task ExecuteScalarAsync_DatabaseOption_QueriesThatDatabase()
    {
        var database = ClickHouseServerFixture.UniqueTable("db");
        await Client.ExecuteNonQueryAsync($"CREATE DATABASE {database}");
        await Client.ExecuteNonQueryAsync($"CREATE TABLE {database}.t (x UInt8) ENGINE = MergeTree ORDER BY x");
        await Client.ExecuteNonQueryAsync($"INSERT INTO {database}.t VALUES (7)");

        var value = await Client.ExecuteScalarAsync("SELECT x FROM t", options: new QueryOptions { Database = database });

        Assert.Equal((byte)7, value);
        Assert.Equal("default", await Client.ExecuteScalarAsync("SELECT currentDatabase()"));
    }

    private static InsertOptions Token(string token) =>
        new() { CustomSettings = new Dictionary<string, object> { ["insert_deduplication_token"] = token } };

    private static IEnumerable<object[]> Rows(DateTime start, int count, int offset)
    {
        for (var i = 0; i < count; i++)
        {
            yield return [start.AddMilliseconds(i), $"host-{i % 10}", (double)(i + offset)];
        }
    }

    private async Task<string> CreateMetricsTableAsync()
    {
        var table = ClickHouseServerFixture.UniqueTable("metrics");
        await Client.ExecuteNonQueryAsync(
            $"CREATE TABLE {table} (ts DateTime64(3), host LowCardinality(String), value Float64) ENGINE = MergeTree ORDER BY (host, ts)");
        return table;
    }
}
