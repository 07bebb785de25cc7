using System.Text;
using Streams.Platform.ClickHouse.Http;

namespace Streams.Platform.ClickHouse.Tests;

public sealed class SqlScannerTests
{
    [Fact]
    public void SplitInsert_FormatThenBinaryData_SplitsAfterNewline()
    {
        byte[] text = [.. "INSERT INTO t (a, `format`) FORMAT RowBinary\n"u8, 0x0A, 0x20, 0x00, 0xFF];

        var split = SqlScanner.SplitInsert(text, complete: true);

        Assert.Equal(InsertSplitKind.Insert, split.Kind);
        Assert.Equal("RowBinary", split.Format);
        Assert.Equal("INSERT INTO t (a, `format`) ", Encoding.UTF8.GetString(text, 0, split.StatementLength));
        Assert.Equal(new byte[] { 0x0A, 0x20, 0x00, 0xFF }, text[split.DataOffset..]);
    }

    [Fact]
    public void SplitInsert_Values_DataStartsAfterKeyword()
    {
        var text = "insert into t settings insert_deduplication_token = 'FORMAT x' values (1, 'VALUES')"u8.ToArray();

        var split = SqlScanner.SplitInsert(text, complete: true);

        Assert.Equal(InsertSplitKind.Insert, split.Kind);
        Assert.Equal("Values", split.Format);
        Assert.Equal(" (1, 'VALUES')", Encoding.UTF8.GetString(text[split.DataOffset..]));
    }

    [Theory]
    [InlineData("INSERT INTO t SELECT 1 FORMAT CSV")]
    [InlineData("SELECT 1 FORMAT CSV")]
    [InlineData("/* INSERT */ SELECT 'INSERT INTO t FORMAT CSV'")]
    [InlineData("")]
    public void SplitInsert_NoInlineData_NotInsert(string sql)
    {
        Assert.Equal(InsertSplitKind.NotInsert, SqlScanner.SplitInsert(Encoding.UTF8.GetBytes(sql), complete: true).Kind);
    }

    [Theory]
    [InlineData("INSERT INTO t FORM")]
    [InlineData("INSERT INTO t FORMAT RowBin")]
    [InlineData("INSERT INTO t FORMAT RowBinary")]
    [InlineData("INSERT INTO t (a) SETTINGS x = 'unterminated")]
    [InlineData("INS")]
    public void SplitInsert_PrefixCutShort_NeedsMore(string sql)
    {
        Assert.Equal(InsertSplitKind.NeedMore, SqlScanner.SplitInsert(Encoding.UTF8.GetBytes(sql), complete: false).Kind);
    }

    [Theory]
    [InlineData("SELECT 1 FORMAT JSONEachRow", "JSONEachRow")]
    [InlineData("SELECT format FROM (SELECT 1 AS format) FORMAT CSV SETTINGS max_threads = 1", "CSV")]
    [InlineData("SELECT 'FORMAT JSON' -- FORMAT TSV\n", null)]
    public void FindOutputFormat_FormatClause_Found(string sql, string? expected)
    {
        Assert.Equal(expected, SqlScanner.FindOutputFormat(Encoding.UTF8.GetBytes(sql)));
    }
}
