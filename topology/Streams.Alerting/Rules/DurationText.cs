using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Streams.Alerting.Rules;

/// <summary>
/// Durations as Prometheus writes them (<c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>1d</c>, <c>500ms</c>),
/// so rules read like the Alertmanager and Prometheus rules admins already know.
/// </summary>
public static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text == "0")
        {
            return true;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        foreach (Capture capture in match.Groups["part"].Captures)
        {
            var part = Part().Match(capture.Value);
            var amount = long.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += part.Groups[2].Value switch
            {
                "d" => TimeSpan.FromDays(amount),
                "h" => TimeSpan.FromHours(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "s" => TimeSpan.FromSeconds(amount),
                _ => TimeSpan.FromMilliseconds(amount),
            };
        }

        return true;
    }

    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        Append(text, duration.Days, "d");
        Append(text, duration.Hours, "h");
        Append(text, duration.Minutes, "m");
        Append(text, duration.Seconds, "s");
        Append(text, duration.Milliseconds, "ms");
        return text.ToString();
    }

    private static void Append(StringBuilder text, int amount, string unit)
    {
        if (amount > 0)
        {
            text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    [GeneratedRegex(@"^(?<part>\d+(ms|d|h|m|s))+$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(\d+)(ms|d|h|m|s)$")]
    private static partial Regex Part();
}
