using System.Text.RegularExpressions;

namespace Streams.Collectors.Replay;

/// <summary>Matches file names against the <c>--files</c> patterns (<c>*</c> and <c>?</c> wildcards, case-insensitive).</summary>
internal static class FilePattern
{
    public static bool Matches(IReadOnlyList<string> patterns, params string[] names) =>
        patterns.Count == 0 || patterns.Any(p => names.Any(n => ToRegex(p).IsMatch(n)));

    private static Regex ToRegex(string pattern) =>
        new("^" + Regex.Escape(pattern.Trim()).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
