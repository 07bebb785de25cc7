using System.Text;

namespace Streams.Api.Data;

/// <summary>
/// Accepts one SELECT, WITH, SHOW or DESCRIBE statement and nothing else. A scanner, not a
/// parser: it skips string literals, quoted identifiers and comments, then looks at the words
/// outside them. SETTINGS and FORMAT are refused because they would lift the limits the API
/// sets or change the wire format the driver reads; INTO because of INTO OUTFILE. Functions that
/// reach outside the database (file, url, s3, remote, mysql, executable, ...) are refused as
/// words and as quoted identifiers: embedded chDB would read any file the process can (the admin
/// key among them) or fetch any URL for whoever holds a viewer key, and readonly=1 stops neither.
/// </summary>
internal static class SqlGuard
{
    private static readonly HashSet<string> Leading = new(StringComparer.Ordinal) { "SELECT", "WITH", "SHOW", "DESCRIBE", "DESC" };
    private static readonly HashSet<string> Refused = new(StringComparer.Ordinal) { "SETTINGS", "FORMAT", "INTO" };

    private static readonly HashSet<string> External = new(StringComparer.Ordinal)
    {
        "FILE", "FILECLUSTER", "URL", "URLCLUSTER", "GCS", "OSS", "COSN", "REMOTE", "REMOTESECURE", "CLUSTER",
        "CLUSTERALLREPLICAS", "MYSQL", "POSTGRESQL", "JDBC", "ODBC", "MONGODB", "REDIS", "SQLITE", "EXECUTABLE",
        "INPUT", "YTSAURUS",
    };

    // Families of table functions with a variant per store or cluster (s3Cluster, icebergS3, deltaLakeAzure, ...).
    private static readonly string[] ExternalPrefixes = ["S3", "HDFS", "AZURE", "ICEBERG", "DELTALAKE", "HUDI", "PAIMON", "ARROWFLIGHT"];

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

                // Double quotes and backticks quote identifiers, a function's name among them.
                if (c != '\'')
                {
                    words.Add(query[(i + 1)..close].ToUpperInvariant());
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

        if (words.FirstOrDefault(IsExternal) is { } external)
        {
            return (null, $"query: {external.ToLowerInvariant()} reaches outside the database (files, URLs, other servers) and is not allowed here");
        }

        return (end >= 0 ? query[..end] : query, null);
    }

    private static bool IsExternal(string word) =>
        External.Contains(word) || ExternalPrefixes.Any(prefix => word.StartsWith(prefix, StringComparison.Ordinal));

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
