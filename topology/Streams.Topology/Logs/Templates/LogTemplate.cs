namespace Streams.Topology.Logs.Templates;

/// <summary>One cluster of Drain: a template and what it has matched.</summary>
/// <param name="id">See <see cref="TemplateId"/>.</param>
/// <param name="tokens">The template's tokens; variables are <c>&lt;*&gt;</c>.</param>
/// <param name="path">
/// The tree branch the template was filed under when created (a token or <c>&lt;*&gt;</c> per
/// layer). Stored rather than derived from the tokens, which may generalise later, so that a
/// restored tree is the tree that was saved.
/// </param>
internal sealed class LogTemplate(string id, string[] tokens, string[] path)
{
    public string Id { get; } = id;

    public string[] Tokens { get; private set; } = tokens;

    public IReadOnlyList<string> Path { get; } = path;

    /// <summary>Lines matched, including the first.</summary>
    public long Count { get; set; }

    /// <summary>Newest event time of a matched line, UTC milliseconds: the recency eviction goes by.</summary>
    public long LastSeen { get; set; }

    public string Text => string.Join(' ', Tokens);

    /// <summary>Drain's update: every position where the line differs becomes a variable. True when the template changed.</summary>
    public bool Generalise(string[] line)
    {
        string[]? merged = null;
        for (var i = 0; i < Tokens.Length; i++)
        {
            if (Tokens[i] != line[i] && Tokens[i] != VariableMasker.Wildcard)
            {
                merged ??= (string[])Tokens.Clone();
                merged[i] = VariableMasker.Wildcard;
            }
        }

        Tokens = merged ?? Tokens;
        return merged is not null;
    }

    /// <summary>Share of the line's tokens equal to the template's; a template variable equals only a masked token.</summary>
    public double Similarity(string[] line)
    {
        if (line.Length == 0)
        {
            return 1;
        }

        var equal = 0;
        for (var i = 0; i < line.Length; i++)
        {
            equal += Tokens[i] == line[i] ? 1 : 0;
        }

        return (double)equal / line.Length;
    }

    public int Variables => Tokens.Count(t => t == VariableMasker.Wildcard);
}
