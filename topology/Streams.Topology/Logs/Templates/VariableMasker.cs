using System.Text.RegularExpressions;

namespace Streams.Topology.Logs.Templates;

/// <summary>
/// Drain's preprocessing: values that are variables by their form alone are masked as
/// <c>&lt;*&gt;</c> before a message is tokenised, so that lines differing only in them share a
/// template from their first occurrence instead of after a merge.
/// </summary>
internal static partial class VariableMasker
{
    public const string Wildcard = "<*>";

    private static readonly char[] Blanks = [' ', '\t', '\r', '\n'];

    /// <summary>The message's tokens with variables masked; at most <paramref name="maxTokens"/>, the last standing for any rest.</summary>
    public static string[] Tokens(string message, int maxTokens)
    {
        var tokens = Variables().Replace(message, Wildcard).Split(Blanks, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length <= maxTokens)
        {
            return tokens;
        }

        var kept = tokens[..maxTokens];
        kept[^1] = Wildcard;
        return kept;
    }

    /// <summary>Drain routes a token with a digit through the tree's <c>&lt;*&gt;</c> branch: it is most likely a variable.</summary>
    public static bool HasDigit(string token) => token.AsSpan().IndexOfAnyInRange('0', '9') >= 0;

    // One pass, alternatives in priority order: UUID; IPv4 with an optional port; colon-separated
    // hex groups with a digit (IPv6, MAC addresses, clock times); 0x-prefixed hex; hex runs of 8 or
    // more with a digit (hashes, container ids); decimal numbers, whole words only, so that ssh2,
    // eth0 or v1 stay words.
    [GeneratedRegex(
        @"\b[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\b"
        + @"|\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?::[0-9]{1,5})?\b"
        + @"|\b(?=[0-9a-fA-F:]*[0-9])(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{1,4}\b"
        + @"|\b0[xX][0-9a-fA-F]+\b"
        + @"|\b(?=[a-fA-F]*[0-9])[0-9a-fA-F]{8,}\b"
        + @"|\b[0-9]+(?:\.[0-9]+)*\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Variables();
}
