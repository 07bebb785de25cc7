using System.Buffers;
using System.Text;

namespace Streams.Api.Data;

/// <summary>
/// The first of the analyst SQL checks, before ClickHouse parses the statement for
/// <see cref="SqlAllowlist"/>: one SELECT, WITH, SHOW or DESCRIBE statement and nothing else. A
/// scanner, not a parser: it skips string literals, quoted identifiers and comments, then looks
/// at the words outside them. SETTINGS and FORMAT are refused because they would lift the limits
/// the API sets or change the wire format the driver reads; INTO because of INTO OUTFILE. A
/// quoted identifier may not hold a dot, a parenthesis, a backslash or a control character:
/// ClickHouse's syntax-tree dump prints names unquoted, and such a name could pass for another
/// database's table or forge lines of the dump.
/// </summary>
internal static class SqlGuard
{
    private static readonly HashSet<string> Leading = new(StringComparer.Ordinal) { "SELECT", "WITH", "SHOW", "DESCRIBE", "DESC" };
    private static readonly HashSet<string> Refused = new(StringComparer.Ordinal) { "SETTINGS", "FORMAT", "INTO" };

    private static readonly SearchValues<char> Unquotable = SearchValues.Create(
        ".()\\" + new string([.. Enumerable.Range(0, 32).Select(i => (char)i)]) + "\u007f");

    /// <summary>The statement without a trailing semicolon, or the reason it is refused.</summary>
    public static (string? Statement, string? Error) Check(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return (null, "query: required");
        }

        var words = new List<string>();
        var word = new StringBuilder();
        var end = -1;
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            var comment = (c == '-' && At(query, i + 1) == '-') || c == '#' || (c == '/' && At(query, i + 1) == '*');
            if (end >= 0 && !char.IsWhiteSpace(c) && !comment)
            {
                return (null, "query: one statement only");
            }

            if (char.IsLetterOrDigit(c) || c == '_')
            {
                word.Append(char.ToUpperInvariant(c));
                continue;
            }

            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }

            if (c is '\'' or '"' or '`')
            {
                var close = SkipQuoted(query, i, c);
                if (close < 0)
                {
                    return (null, "query: an unterminated quote");
                }

                if (c != '\'' && query.AsSpan(i + 1, close - i - 1).IndexOfAny(Unquotable) >= 0)
                {
                    return (null, $"query: the quoted name {query[i..(close + 1)]} holds a dot, parenthesis, backslash or control character; name tables as database.table without quotes around the dot");
                }

                i = close;
            }
            else if (c == '/' && comment)
            {
                var close = query.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    return (null, "query: an unterminated comment");
                }

                i = close + 1;
            }
            else if (comment)
            {
                i = query.IndexOf('\n', i) is var newline and >= 0 ? newline : query.Length;
            }
            else if (c == ';')
            {
                end = i;
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        if (words.Count == 0 || !Leading.Contains(words[0]))
        {
            return (null, "query: only a SELECT, WITH, SHOW or DESCRIBE statement is allowed (the endpoint is read-only)");
        }

        if (words.FirstOrDefault(Refused.Contains) is { } refused)
        {
            return (null, $"query: {refused} is not allowed here (the API sets the limits and the format)");
        }

        return (end >= 0 ? query[..end] : query, null);
    }

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';

    /// <summary>The index of the closing quote, or -1.</summary>
    private static int SkipQuoted(string text, int start, char quote)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                if (At(text, i + 1) == quote)
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return -1;
    }
}
