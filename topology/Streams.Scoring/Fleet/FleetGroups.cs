using System.Text.RegularExpressions;

namespace Streams.Scoring.Fleet;

/// <summary>Which group (role) a host belongs to, for the fleet prior: configured globs first, else its name without the trailing number.</summary>
public sealed class FleetGroups
{
    private readonly (string Group, Regex Pattern)[] patterns;

    public FleetGroups(IReadOnlyDictionary<string, string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        patterns = [.. groups.OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(glob => (g.Key, Glob(glob))))];
    }

    public string Of(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        foreach (var (group, pattern) in patterns)
        {
            if (pattern.IsMatch(host))
            {
                return group;
            }
        }

        // web-01, web-02.eu → web; a name that is all digits keeps itself.
        var trimmed = host.Split('.')[0].TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '-', '_');
        return trimmed.Length == 0 ? host : trimmed;
    }

    private static Regex Glob(string glob) =>
        new("^" + Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(100));
}
