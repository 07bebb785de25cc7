namespace Streams.Api.Data;

/// <summary>One node of <see cref="SqlSyntaxTree"/>: its type (<c>Function</c>, <c>TableIdentifier</c>, ...) and what it names.</summary>
internal sealed class SqlSyntaxNode(string type, string detail, SqlSyntaxNode? parent)
{
    public string Type { get; } = type;

    /// <summary>A function's or table's name, a literal's text; empty for structural nodes.</summary>
    public string Detail { get; } = detail;

    public SqlSyntaxNode? Parent { get; } = parent;

    public List<SqlSyntaxNode> Children { get; } = [];

    /// <summary>The node's arguments when it is a function: the children of its first <c>ExpressionList</c>.</summary>
    public IReadOnlyList<SqlSyntaxNode> Arguments =>
        Children.FirstOrDefault(c => c.Type == "ExpressionList")?.Children ?? (IReadOnlyList<SqlSyntaxNode>)[];
}
