using Streams.Api.Data;

namespace Streams.Api.Tests;

/// <summary>The allowlist on dumps of ClickHouse 26.7's EXPLAIN AST, as the engine prints them.</summary>
public sealed class SqlAllowlistTests
{
    private static readonly SqlAllowlist Allowlist = SqlAllowlist.For("streams");

    [Fact]
    public void Check_AggregateOverATableWithLambdaAndWindow_Allowed()
    {
        var tree = Tree("""
            SelectWithUnionQuery (children 1)
             ExpressionList (children 1)
              SelectQuery (children 3)
               ExpressionList (children 3)
                Function arrayMap (alias doubled values) (children 1)
                 ExpressionList (children 2)
                  Function lambda (children 1)
                   ExpressionList (children 2)
                    Function tuple (children 1)
                     ExpressionList (children 1)
                      Identifier x
                    Function multiply (children 1)
                     ExpressionList (children 2)
                      Identifier x
                      Literal UInt64_2
                  Literal Array_[UInt64_1]
                Function countIf (children 1)
                 ExpressionList (children 1)
                  Function greater (children 1)
                   ExpressionList (children 2)
                    Identifier score
                    Literal UInt64_1
                Function row_number (alias r) (children 2)
                 ExpressionList
                 WindowDefinition (children 1)
                  ExpressionList (children 1)
                   Identifier host
               TablesInSelectQuery (children 2)
                TablesInSelectQueryElement (children 1)
                 TableExpression (children 1)
                  TableIdentifier anomalies (alias a)
                TablesInSelectQueryElement (children 2)
                 TableExpression (children 1)
                  TableIdentifier streams.alerts
                 TableJoin (children 1)
                  ExpressionList (children 1)
                   Identifier host
               Function in (children 1)
                ExpressionList (children 2)
                 Identifier host
                 Literal Tuple_(\'a\', \'b\')
            """);

        Assert.Null(Allowlist.Check(tree));
    }

    [Theory]
    [InlineData("file", "the table function file")]
    [InlineData("url", "the table function url")]
    [InlineData("merge", "the table function merge")]
    [InlineData("s3", "the table function s3")]
    public void Check_TableFunctionInsideView_Refused(string name, string reason)
    {
        var tree = Tree($"""
            SelectWithUnionQuery (children 1)
             ExpressionList (children 1)
              SelectQuery (children 2)
               ExpressionList (children 1)
                Asterisk
               TablesInSelectQuery (children 1)
                TablesInSelectQueryElement (children 1)
                 TableExpression (children 1)
                  Function view (children 1)
                   ExpressionList (children 1)
                    SelectWithUnionQuery (children 1)
                     ExpressionList (children 1)
                      SelectQuery (children 2)
                       ExpressionList (children 1)
                        Asterisk
                       TablesInSelectQuery (children 1)
                        TablesInSelectQueryElement (children 1)
                         TableExpression (children 1)
                          Function {name} (children 1)
                           ExpressionList (children 1)
                            Literal \'x\'
            """);

        Assert.StartsWith("query: " + reason + " is not allowed", Allowlist.Check(tree), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file")]
    [InlineData("hostName")]
    [InlineData("getSetting")]
    [InlineData("dictGet")]
    [InlineData("sleepEachRow")]
    [InlineData("joinGet")]
    [InlineData("globalIn")]
    [InlineData("fileIf")]
    public void Check_FunctionNotOnTheList_Refused(string name)
    {
        var tree = Tree($"""
            SelectWithUnionQuery (children 1)
             ExpressionList (children 1)
              SelectQuery (children 1)
               ExpressionList (children 1)
                Function {name} (children 1)
                 ExpressionList (children 1)
                  Literal \'admin.key\'
            """);

        Assert.Equal($"query: the function {name} is not allowed here (only computation over the Streams tables is; see SECURITY.md)", Allowlist.Check(tree));
    }

    [Theory]
    [InlineData("system.users", false)]
    [InlineData("system.query_log", false)]
    [InlineData("other.secrets", false)]
    [InlineData("system.tables", true)]
    [InlineData("streams.metrics_1m", true)]
    [InlineData("metrics_1m", true)]
    public void Check_QualifiedTable_OnlyTheStreamsDatabaseAndSafeSystemTables(string table, bool allowed)
    {
        var select = Tree($"""
            SelectWithUnionQuery (children 1)
             ExpressionList (children 1)
              SelectQuery (children 2)
               ExpressionList (children 1)
                Asterisk
               TablesInSelectQuery (children 1)
                TablesInSelectQueryElement (children 1)
                 TableExpression (children 1)
                  TableIdentifier {table} (alias t)
            """);
        var inSet = Tree($"""
            SelectWithUnionQuery (children 1)
             ExpressionList (children 1)
              SelectQuery (children 1)
               ExpressionList (children 1)
                Function in (children 1)
                 ExpressionList (children 2)
                  Literal \'admin\'
                  Identifier {table}
            """);
        var describe = Tree($"""
            DescribeQuery (children 1)
             TableExpression (children 1)
              TableIdentifier {table}
            """);

        foreach (var tree in new[] { select, inSet, describe })
        {
            var error = Allowlist.Check(tree);
            Assert.True(allowed == (error is null), error ?? table);
        }
    }

    [Theory]
    [InlineData("ShowColumns")]
    [InlineData("ShowAccessQuery")]
    [InlineData("ExistsTableQuery  t")]
    public void Check_OtherStatements_Refused(string root)
    {
        Assert.StartsWith("query: a ", Allowlist.Check(Tree(root)), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SettingsNode_Refused()
    {
        var tree = Tree("""
            SelectWithUnionQuery (children 1)
             ExpressionList (children 1)
              SelectQuery (children 2)
               ExpressionList (children 1)
                Literal UInt64_1
               Set
            """);

        Assert.Contains("SETTINGS", Allowlist.Check(tree), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("countIf", true)]
    [InlineData("avgStateIf", true)]
    [InlineData("quantilesTDigestMergeState", true)]
    [InlineData("uniqExactArrayIf", true)]
    [InlineData("lowerIf", false)]
    [InlineData("State", false)]
    [InlineData("COUNT", true)]
    public void AllowsFunction_Combinators_OnlyOfAggregates(string name, bool allowed)
    {
        Assert.Equal(allowed, Allowlist.AllowsFunction(name));
    }

    [Theory]
    [InlineData("SelectWithUnionQuery (children 1)\n  ExpressionList")]
    [InlineData(" SelectWithUnionQuery")]
    [InlineData("SelectWithUnionQuery\nShowTables")]
    [InlineData("SelectWithUnionQuery\n Function fi\nle (children 1)")]
    [InlineData("")]
    public void Parse_TextNotShapedLikeTheDump_IsNotATree(string dump)
    {
        Assert.Null(SqlSyntaxTree.Parse(dump.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void FunctionCount_TheListIsEmbedded()
    {
        Assert.InRange(SqlAllowlist.FunctionCount, 1000, 2000);
    }

    private static SqlSyntaxTree Tree(string dump) =>
        SqlSyntaxTree.Parse(dump.Split('\n')) ?? throw new InvalidOperationException("not a dump: " + dump);
}
