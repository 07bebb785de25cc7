using System.Text;
using Streams.Api.Data;
using Streams.Fuzz.Harness;

namespace Streams.Fuzz.Targets;

/// <summary>
/// The API's query guard, <see cref="SqlGuard.Check"/>, on the text of a <c>/api/query</c>
/// request: it answers with the statement or a reason, and must never throw. A thin adapter, so it
/// follows the guard when the guard is rewritten.
/// </summary>
internal sealed class SqlGuardTarget : IFuzzTarget
{
    public string Name => "sql-guard";

    public IReadOnlyList<byte[]> Dictionary { get; } = TextTarget.Tokens(
        "SELECT ", "WITH ", "SHOW ", "DESCRIBE ", " FROM ", " WHERE ", " SETTINGS ", " FORMAT ", " INTO OUTFILE ", "file(", "url(", "s3Cluster(", "remote(",
        "'", "\\'", "\"", "`", "--", "#", "/*", "*/", ";", "(", ")", "\n", "metrics_raw", " UNION ALL ");

    public void Run(ReadOnlySpan<byte> input)
    {
        var (statement, error) = SqlGuard.Check(Encoding.UTF8.GetString(input));
        if ((statement is null) == (error is null))
        {
            throw new InvalidOperationException("SqlGuard.Check must answer with exactly one of a statement and an error");
        }
    }
}
