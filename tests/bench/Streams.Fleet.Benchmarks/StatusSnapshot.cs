using System.Globalization;

namespace Streams.Fleet.Benchmarks;

/// <summary>
/// What the harness takes from <c>streams status</c>: the "Topics" table's end offsets and the
/// "Consumer lag" table's lag, per group and topic; read off the printed tables, as a user reads them.
/// </summary>
internal sealed record StatusSnapshot(DateTime At, IReadOnlyDictionary<string, long> EndOffsets, IReadOnlyDictionary<(string Group, string Topic), long> Lags)
{
    public static StatusSnapshot Parse(string output)
    {
        var ends = new Dictionary<string, long>(StringComparer.Ordinal);
        var lags = new Dictionary<(string, string), long>();
        string? table = null;
        foreach (var line in output.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed is "Topics" or "Consumer lag" || trimmed.StartsWith("Endpoints", StringComparison.Ordinal) || trimmed.StartsWith("Listeners", StringComparison.Ordinal) || trimmed.StartsWith("Scorer", StringComparison.Ordinal) || trimmed.Contains("Data loss", StringComparison.Ordinal))
            {
                table = trimmed;
                continue;
            }

            var cells = trimmed.Split('│', StringSplitOptions.TrimEntries);
            // "│ a │ b │ c │" splits into "", a, b, c, "".
            if (cells.Length < 5 || cells[1].Length == 0)
            {
                continue;
            }

            if (table == "Topics" && cells.Length >= 6 && Number(cells[3]) is { } end)
            {
                ends[cells[1]] = end;
            }
            else if (table == "Consumer lag" && cells.Length >= 6 && Number(cells[4]) is { } lag)
            {
                lags[(cells[1], cells[2])] = lag;
            }
        }

        return new StatusSnapshot(DateTime.UtcNow, ends, lags);
    }

    private static long? Number(string text) =>
        long.TryParse(text, NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}
