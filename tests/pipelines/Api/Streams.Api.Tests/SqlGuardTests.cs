using Streams.Api.Data;

namespace Streams.Api.Tests;

public sealed class SqlGuardTests
{
    [Theory]
    [InlineData("SELECT count() FROM logs WHERE message LIKE '%file(%'")]
    [InlineData("SELECT URLHierarchy('http://a/b/c')")]
    [InlineData("SELECT host, count() AS `per host` FROM anomalies GROUP BY host")]
    [InlineData("SELECT \"host\" FROM `metrics_raw` LIMIT 1")]
    [InlineData("WITH x AS (SELECT 1) SELECT * FROM x -- the end")]
    public void Check_OneReadingStatement_Accepted(string query)
    {
        var (statement, error) = SqlGuard.Check(query);

        Assert.Null(error);
        Assert.Equal(query, statement);
    }

    [Fact]
    public void Check_TrailingSemicolon_IsCut()
    {
        Assert.Equal("SELECT 1", SqlGuard.Check("SELECT 1;  ").Statement);
    }

    [Theory]
    [InlineData("SELECT 1; DROP TABLE anomalies", "one statement only")]
    [InlineData("DROP TABLE anomalies", "only a SELECT")]
    [InlineData("SELECT 1 SETTINGS readonly=0", "SETTINGS is not allowed")]
    [InlineData("SELECT 1 FORMAT Native", "FORMAT is not allowed")]
    [InlineData("SELECT 1 INTO OUTFILE '/tmp/x'", "INTO is not allowed")]
    [InlineData("SELECT 'open", "unterminated quote")]
    [InlineData("SELECT 1 /* open", "unterminated comment")]
    [InlineData("SELECT * FROM `default.x`.t", "holds a dot")]
    [InlineData("SELECT * FROM \"system.users\"", "holds a dot")]
    [InlineData("SELECT `fi\nle`(1)", "control character")]
    [InlineData("SELECT \"fi\\x6ce\"('/etc/passwd')", "backslash")]
    [InlineData("SELECT 1 AS `x (children 1)`", "parenthesis")]
    public void Check_RefusedText_SaysWhy(string query, string reason)
    {
        var (statement, error) = SqlGuard.Check(query);

        Assert.Null(statement);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.StartsWith("query: ", error, StringComparison.Ordinal);
    }
}
