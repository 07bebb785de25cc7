using System.Collections.Frozen;

namespace Streams.Api.Data;

/// <summary>
/// What an analyst's statement may name, judged on ClickHouse's parse of it
/// (<see cref="SqlSyntaxTree"/>): statements that read (SELECT, DESCRIBE, SHOW TABLES); the
/// tables of the Streams database and a few system tables that describe it; the table functions
/// that make rows from their arguments alone; and the functions of
/// <c>AllowedFunctions.tsv</c>, pure computation over the rows read (made by
/// <c>infra/clickhouse/analyst-functions.sql</c>). Everything else is refused by name, so a
/// function or table function that a newer ClickHouse adds stays refused until it is listed.
/// </summary>
internal sealed class SqlAllowlist
{
    private static readonly FrozenSet<string> Statements = FrozenSet.Create(StringComparer.Ordinal, "SelectWithUnionQuery", "DescribeQuery", "ShowTables");

    private static readonly FrozenSet<string> TableFunctions = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "numbers", "zeros", "values", "generate_series", "generateSeries", "view");

    /// <summary>System tables that describe the schema and the engine, never data, users or queries.</summary>
    private static readonly FrozenSet<string> SystemTables = FrozenSet.Create(
        StringComparer.Ordinal, "one", "numbers", "zeros", "tables", "columns", "parts", "functions", "table_functions",
        "aggregate_function_combinators", "data_type_families", "time_zones");

    // Syntax that the dump shows as functions but system.functions does not list.
    private static readonly string[] Syntax = ["lambda", "exists"];

    // Operators whose right side may name a table: x IN db.table.
    private static readonly FrozenSet<string> SetOperators = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase, "in", "notIn", "nullIn", "notNullIn");

    // Aggregate function combinators (system.aggregate_function_combinators), longest first so
    // MergeState is not read as State of a function ending in Merge.
    private static readonly string[] Combinators = [.. new[]
    {
        "If", "Array", "ArgMin", "ArgMax", "ForEach", "State", "Merge", "MergeState", "Null", "OrNull", "OrDefault",
        "Resample", "Distinct", "Map", "SimpleState", "Tuple",
    }.OrderByDescending(c => c.Length)];

    private readonly string database;
    private readonly FrozenSet<string> functions;
    private readonly FrozenSet<string> aggregates;

    private SqlAllowlist(string database, IEnumerable<(string Name, bool Aggregate)> allowed)
    {
        this.database = database;
        var list = allowed.ToList();
        functions = list.Select(f => f.Name).Concat(Syntax).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        aggregates = list.Where(f => f.Aggregate).Select(f => f.Name).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    public static int FunctionCount => Embedded.Value.Count;

    private static Lazy<IReadOnlyList<(string Name, bool Aggregate)>> Embedded { get; } = new(ReadEmbedded);

    /// <summary>The allowlist for tables of <paramref name="database"/>, with the functions shipped in the assembly.</summary>
    public static SqlAllowlist For(string database) => new(database, Embedded.Value);

    /// <summary>Null when every name in the statement is allowed, else the reason (<c>query: ...</c>), naming the first one that is not.</summary>
    public string? Check(SqlSyntaxTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (!Statements.Contains(tree.Root.Type))
        {
            return $"query: a {tree.Root.Type} statement is not allowed here (SELECT, WITH, DESCRIBE and SHOW TABLES are)";
        }

        foreach (var node in tree.Nodes)
        {
            var error = node.Type switch
            {
                "Function" when node.Parent?.Type == "TableExpression" => CheckTableFunction(node.Detail),
                "Function" => CheckFunction(node),
                "TableIdentifier" => CheckTable(node.Detail),
                "Set" => "query: SETTINGS is not allowed here (the API sets the limits)",
                _ => null,
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Whether a function may be called, combinators (countIf, avgState, ...) included.</summary>
    public bool AllowsFunction(string name) => functions.Contains(name) || IsCombination(name);

    private static string? CheckTableFunction(string name) =>
        TableFunctions.Contains(name)
            ? null
            : $"query: the table function {name} is not allowed here (allowed: {string.Join(", ", TableFunctions.Order(StringComparer.Ordinal))})";

    private string? CheckFunction(SqlSyntaxNode node)
    {
        if (!AllowsFunction(node.Detail))
        {
            return $"query: the function {node.Detail} is not allowed here (only computation over the Streams tables is; see SECURITY.md)";
        }

        // x IN db.table reads a table as a set without a TableIdentifier node.
        return SetOperators.Contains(node.Detail) && node.Arguments is [_, { Type: "Identifier" } right, ..]
            ? CheckTable(right.Detail)
            : null;
    }

    private string? CheckTable(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            // Unqualified: a table of the connection's database (the Streams one) or a WITH name.
            return null;
        }

        var (db, table) = (name[..dot], name[(dot + 1)..]);
        return db == database || (db == "system" && SystemTables.Contains(table))
            ? null
            : $"query: the table {name} is outside the Streams database '{database}' (system tables allowed: {string.Join(", ", SystemTables.Order(StringComparer.Ordinal))})";
    }

    private bool IsCombination(string name)
    {
        foreach (var combinator in Combinators)
        {
            if (name.Length > combinator.Length && name.EndsWith(combinator, StringComparison.Ordinal))
            {
                var rest = name[..^combinator.Length];
                if (aggregates.Contains(rest) || IsCombination(rest))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static List<(string Name, bool Aggregate)> ReadEmbedded()
    {
        using var stream = typeof(SqlAllowlist).Assembly.GetManifestResourceStream("Streams.Api.Data.AllowedFunctions.tsv")
            ?? throw new InvalidOperationException("AllowedFunctions.tsv is not embedded in Streams.Api");
        using var reader = new StreamReader(stream);
        var list = new List<(string, bool)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Split('\t') is [var name, var aggregate] && name.Length > 0)
            {
                list.Add((name, aggregate == "1"));
            }
        }

        return list;
    }
}
