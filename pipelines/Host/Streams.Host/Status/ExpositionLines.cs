using System.Globalization;
using System.Text.RegularExpressions;

namespace Streams.Host.Status;

/// <summary>One metric's samples read from the host's Prometheus text (<c>/metrics</c>), with their labels.</summary>
internal static partial class ExpositionLines
{
    public static List<(IReadOnlyDictionary<string, string> Labels, double Value)> Read(string metrics, string name)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var samples = new List<(IReadOnlyDictionary<string, string>, double)>();
        var line = new Regex("^" + Regex.Escape(name) + @"(\{(?<labels>[^}]*)\})?\s+(?<value>\S+)", RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        foreach (Match match in line.Matches(metrics))
        {
            if (double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
                samples.Add((labels, value));
            }
        }

        return samples;
    }

    [GeneratedRegex(@"(?<name>\w+)=""(?<value>[^""]*)""")]
    private static partial Regex Label();
}
