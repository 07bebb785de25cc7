using System.Text.Json.Serialization;

namespace Streams.Api.Contracts;

/// <summary>POST /api/sql: columns, rows as arrays, and whether the row limit cut the result.</summary>
internal sealed record SqlResult(
    IReadOnlyList<SqlColumn> Columns,
    IReadOnlyList<object?[]> Rows,
    [property: JsonPropertyName("rows_read")] long RowsRead,
    long ElapsedMs,
    bool Truncated);
