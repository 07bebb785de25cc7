using System.Security.Cryptography;
using System.Text;

namespace Streams.Sinks.ClickHouse.Migrations;

/// <summary>One versioned file of <c>infra/clickhouse/migrations</c>, e.g. <c>002_metrics_raw.sql</c>.</summary>
internal sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the text with line endings normalised, so a checkout with CRLF does not look changed.</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    /// <summary>
    /// The statements of the file: ClickHouse's HTTP interface runs one statement per request.
    /// Statements end with ';' and migrations keep ';' out of string literals and comments.
    /// </summary>
    public IReadOnlyList<string> Statements()
    {
        var code = string.Join('\n', Sql.ReplaceLineEndings("\n").Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        return code.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }
}
