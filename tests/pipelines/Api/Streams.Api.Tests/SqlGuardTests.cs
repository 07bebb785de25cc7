using Streams.Api.Data;

namespace Streams.Api.Tests;

public sealed class SqlGuardTests
{
    [Theory]
    [InlineData("SELECT * FROM file('/etc/hostname', 'LineAsString')", "file")]
    [InlineData("SELECT file('admin.key')", "file")]
    [InlineData("SELECT * FROM `file`('/etc/hostname', 'LineAsString')", "file")]
    [InlineData("SELECT * FROM \"url\"('http://169.254.169.254/latest/meta-data/', 'TSV', 'x String')", "url")]
    [InlineData("SELECT * FROM url /* hidden */ ('http://127.0.0.1:8123/', 'TSV', 'x String')", "url")]
    [InlineData("SELECT * FROM remote('10.0.0.1', system.one)", "remote")]
    [InlineData("SELECT * FROM s3Cluster('default', 'https://bucket/key')", "s3cluster")]
    [InlineData("SELECT * FROM icebergS3('https://bucket/table')", "icebergs3")]
    [InlineData("SELECT * FROM mysql('db:3306', 'db', 't', 'u', 'p')", "mysql")]
    [InlineData("SELECT * FROM executable('id', 'TSV', 'x String')", "executable")]
    [InlineData("WITH x AS (SELECT * FROM hdfs('hdfs://nn/f', 'TSV', 'a String')) SELECT * FROM x", "hdfs")]
    public void Check_FunctionReachingOutsideTheDatabase_RefusedByName(string query, string name)
    {
        var (statement, error) = SqlGuard.Check(query);

        Assert.Null(statement);
        Assert.Equal($"query: {name} reaches outside the database (files, URLs, other servers) and is not allowed here", error);
    }

    [Theory]
    [InlineData("SELECT count() FROM logs WHERE message LIKE '%file(%'")]
    [InlineData("SELECT URLHierarchy('http://a/b/c')")]
    [InlineData("SELECT host, count() FROM anomalies GROUP BY host")]
    [InlineData("SELECT \"host\" FROM `metrics_raw` LIMIT 1")]
    public void Check_QueryOfTheDatabaseOnly_Accepted(string query)
    {
        var (statement, error) = SqlGuard.Check(query);

        Assert.Null(error);
        Assert.Equal(query, statement);
    }
}
