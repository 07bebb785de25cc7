using System.Text.RegularExpressions;

namespace Streams.Alerting.Matching;

/// <summary>Shell-style globs (<c>*</c>, <c>?</c>) for host, series and application names, compiled once.</summary>
public sealed class Glob
{
    private readonly Regex regex;

    public Glob(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        Pattern = pattern;
        regex = new Regex(
            "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline,
            TimeSpan.FromMilliseconds(100));
    }

    public string Pattern { get; }

    public bool IsMatch(string value) => regex.IsMatch(value);
}
