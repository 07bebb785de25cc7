using System.Text;
using Streams.Api.Data;
using Streams.Fuzz.Harness;

namespace Streams.Fuzz.Targets;

/// <summary>
/// The second analyst SQL check: <see cref="SqlSyntaxTree.Parse"/> of an <c>EXPLAIN AST</c> dump
/// and <see cref="SqlAllowlist.Check"/> of the tree. The dump comes from ClickHouse, but its names
/// come from the caller's statement, so it is outside text too; neither step may throw.
/// </summary>
internal sealed class SqlSyntaxTreeTarget : IFuzzTarget
{
    private readonly SqlAllowlist allowlist = SqlAllowlist.For("default");

    public string Name => "sql-syntax-tree";

    public IReadOnlyList<byte[]> Dictionary { get; } = TextTarget.Tokens(
        "\n", " ", "  ", "SelectWithUnionQuery", "ExpressionList", "SelectQuery", "TablesInSelectQuery", "TablesInSelectQueryElement",
        "TableExpression", "TableIdentifier ", "Function ", "Identifier ", "Literal ", "DescribeQuery", "ShowTables", "Set",
        " (children 1)", " (children 2)", " (alias x)", "system.users", "default.", "file", "view", "in", "countIf", "Subquery");

    public void Run(ReadOnlySpan<byte> input)
    {
        if (SqlSyntaxTree.Parse(Encoding.UTF8.GetString(input).Split('\n')) is { } tree)
        {
            allowlist.Check(tree);
        }
    }
}
