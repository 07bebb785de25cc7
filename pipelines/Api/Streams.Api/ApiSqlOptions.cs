namespace Streams.Api;

/// <summary>
/// <c>Api:Sql</c>: the limits ClickHouse enforces on every analyst query of <c>POST /api/sql</c>,
/// and the read-only ClickHouse user it runs as on an external server.
/// </summary>
internal sealed class ApiSqlOptions
{
    public int MaxExecutionSeconds { get; set; } = 10;

    /// <summary>Rows returned; a larger result is cut and marked truncated.</summary>
    public int MaxResultRows { get; set; } = 10_000;

    /// <summary>Rows a query may read from tables; beyond it ClickHouse stops it (use the 1 min / 1 h rollups for long spans).</summary>
    public long MaxRowsToRead { get; set; } = 500_000_000;

    public long MaxBytesToRead { get; set; } = 10L << 30;

    public long MaxMemoryUsage { get; set; } = 1L << 30;

    /// <summary>One thread: an analyst's query leaves the other core to the pipeline.</summary>
    public int MaxThreads { get; set; } = 1;

    /// <summary>On an external server: the read-only user (SELECT on the Streams database only) that runs analyst queries; empty = the API's own connection.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }
}
