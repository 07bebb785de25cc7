namespace Streams.Api.Data;

/// <summary>
/// A statement as ClickHouse's own parser sees it: the lines of <c>EXPLAIN AST</c>, one node a
/// line, indented one space a level (<c>Function count (alias n) (children 1)</c>). Reading the
/// server's parse instead of re-implementing ClickHouse's grammar means a construct this code
/// never heard of still shows up as the functions and tables it names.
/// </summary>
internal sealed class SqlSyntaxTree
{
    private SqlSyntaxTree(IReadOnlyList<SqlSyntaxNode> nodes) => Nodes = nodes;

    /// <summary>Every node in dump order; <see cref="Nodes"/>[0] is the statement.</summary>
    public IReadOnlyList<SqlSyntaxNode> Nodes { get; }

    public SqlSyntaxNode Root => Nodes[0];

    /// <summary>The tree, or null when a line is not of the dump's shape (then nothing about the statement can be trusted).</summary>
    public static SqlSyntaxTree? Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var nodes = new List<SqlSyntaxNode>();
        var open = new List<SqlSyntaxNode>();
        foreach (var line in lines)
        {
            var depth = 0;
            while (depth < line.Length && line[depth] == ' ')
            {
                depth++;
            }

            var typeEnd = depth;
            while (typeEnd < line.Length && char.IsAsciiLetterOrDigit(line[typeEnd]))
            {
                typeEnd++;
            }

            var deeperThanAllowed = depth > open.Count || (nodes.Count == 0 && depth != 0) || (nodes.Count > 0 && depth == 0);
            if (typeEnd == depth || deeperThanAllowed || (typeEnd < line.Length && line[typeEnd] != ' '))
            {
                return null;
            }

            var parent = depth == 0 ? null : open[depth - 1];
            var node = new SqlSyntaxNode(line[depth..typeEnd], Detail(line.AsSpan(typeEnd)), parent);
            parent?.Children.Add(node);
            nodes.Add(node);
            open.RemoveRange(depth, open.Count - depth);
            open.Add(node);
        }

        return nodes.Count == 0 ? null : new SqlSyntaxTree(nodes);
    }

    // The text after the node type, without the dump's own "(alias …)" and "(children N)" notes.
    private static string Detail(ReadOnlySpan<char> rest)
    {
        rest = rest.Trim();
        if (rest.EndsWith(")") && rest.LastIndexOf(" (children ") is var children and >= 0)
        {
            rest = rest[..children];
        }
        else if (rest.StartsWith("(children "))
        {
            return string.Empty;
        }

        if (rest.IndexOf(" (alias ") is var alias and >= 0)
        {
            rest = rest[..alias];
        }

        return rest.ToString();
    }
}
