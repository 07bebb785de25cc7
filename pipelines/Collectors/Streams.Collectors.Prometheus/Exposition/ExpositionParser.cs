using System.Globalization;
using System.Text;
using io.streams.avro;

namespace Streams.Collectors.Prometheus.Exposition;

/// <summary>
/// Parses the Prometheus text exposition format (version 0.0.4) and OpenMetrics 1.0 text. The
/// two differ where it matters here: OpenMetrics timestamps are seconds (floats) where 0.0.4's
/// are integer milliseconds, OpenMetrics ends with <c># EOF</c> and may put an exemplar
/// (<c> # {labels} value [ts]</c>) after a sample, and names counter samples <c>_total</c>.
/// A page that does not parse is refused whole, as Prometheus fails the whole scrape.
/// </summary>
internal static class ExpositionParser
{
    /// <summary>The samples of <paramref name="page"/>.</summary>
    /// <exception cref="FormatException">A line is not valid exposition text; the message names the line.</exception>
    public static List<ExpositionSample> Parse(string page, bool openMetrics)
    {
        ArgumentNullException.ThrowIfNull(page);
        var samples = new List<ExpositionSample>();
        var types = new Dictionary<string, MetricKind>(StringComparer.Ordinal);
        var labels = new List<KeyValuePair<string, string>>();
        var lineNumber = 0;
        var sawEof = false;
        foreach (var range in page.AsSpan().Split('\n'))
        {
            lineNumber++;
            var line = page.AsSpan(range.Start.Value, range.End.Value - range.Start.Value).TrimEnd('\r');
            if (sawEof && !line.IsEmpty)
            {
                throw Error(lineNumber, "text after # EOF");
            }

            if (line.IsWhiteSpace())
            {
                continue;
            }

            if (line[0] == '#')
            {
                sawEof |= ParseComment(line, types, openMetrics);
                continue;
            }

            labels.Clear();
            if (ParseSample(line, lineNumber, openMetrics, types, labels) is { } sample)
            {
                samples.Add(sample);
            }
        }

        if (openMetrics && !sawEof)
        {
            // OpenMetrics 1.0 section "Overall Structure": the exposition MUST end with # EOF; without it the page was cut short.
            throw Error(lineNumber, "OpenMetrics page without # EOF (truncated?)");
        }

        return samples;
    }

    private static bool ParseComment(ReadOnlySpan<char> line, Dictionary<string, MetricKind> types, bool openMetrics)
    {
        var body = line[1..].TrimStart(' ');
        if (body.SequenceEqual("EOF"))
        {
            return openMetrics;
        }

        if (!body.StartsWith("TYPE "))
        {
            // HELP, UNIT and free comments carry nothing a sample needs.
            return false;
        }

        var rest = body[5..].Trim(' ');
        var space = rest.IndexOf(' ');
        if (space <= 0)
        {
            return false;
        }

        types[rest[..space].ToString()] = rest[(space + 1)..].Trim(' ') switch
        {
            "counter" => MetricKind.COUNTER,
            "gauge" => MetricKind.GAUGE,
            "histogram" or "summary" or "gaugehistogram" => MetricKind.COUNTER,
            _ => MetricKind.UNKNOWN,
        };
        return false;
    }

    private static ExpositionSample? ParseSample(
        ReadOnlySpan<char> line, int lineNumber, bool openMetrics, Dictionary<string, MetricKind> types, List<KeyValuePair<string, string>> labels)
    {
        var nameEnd = 0;
        while (nameEnd < line.Length && IsNameChar(line[nameEnd], nameEnd == 0))
        {
            nameEnd++;
        }

        if (nameEnd == 0)
        {
            throw Error(lineNumber, "a sample line must start with a metric name");
        }

        var name = line[..nameEnd].ToString();
        var position = nameEnd;
        if (position < line.Length && line[position] == '{')
        {
            position = ParseLabels(line, position + 1, lineNumber, labels);
        }

        var rest = line[position..];
        if (rest.IsEmpty || rest[0] != ' ')
        {
            throw Error(lineNumber, $"expected a space and a value after '{name}'");
        }

        rest = rest.TrimStart(' ');
        if (openMetrics && rest.IndexOf(" # ") is >= 0 and var exemplar)
        {
            rest = rest[..exemplar];
        }

        var valueEnd = rest.IndexOf(' ');
        var valueText = valueEnd < 0 ? rest : rest[..valueEnd];
        if (!TryParseValue(valueText, out var value))
        {
            throw Error(lineNumber, $"'{valueText}' is not a sample value");
        }

        long? timestamp = null;
        if (valueEnd >= 0 && !rest[(valueEnd + 1)..].Trim(' ').IsEmpty)
        {
            timestamp = ParseTimestamp(rest[(valueEnd + 1)..].Trim(' '), lineNumber, openMetrics);
        }

        var (family, kind) = FamilyOf(name, types);
        if (openMetrics && name.EndsWith("_created", StringComparison.Ordinal) && family.Length + 8 == name.Length)
        {
            // OpenMetrics' _created sample is the series' creation time, not a measurement.
            return null;
        }

        return new ExpositionSample(name, [.. labels], value, timestamp, kind);
    }

    private static int ParseLabels(ReadOnlySpan<char> line, int position, int lineNumber, List<KeyValuePair<string, string>> labels)
    {
        var value = new StringBuilder();
        while (true)
        {
            while (position < line.Length && line[position] is ' ' or ',')
            {
                position++;
            }

            if (position < line.Length && line[position] == '}')
            {
                return position + 1;
            }

            var start = position;
            while (position < line.Length && IsNameChar(line[position], position == start))
            {
                position++;
            }

            if (position == start || position + 1 >= line.Length || line[position] != '=' || line[position + 1] != '"')
            {
                throw Error(lineNumber, "a label must be name=\"value\"");
            }

            var labelName = line[start..position].ToString();
            position += 2;
            value.Clear();
            while (true)
            {
                if (position >= line.Length)
                {
                    throw Error(lineNumber, $"label '{labelName}' has no closing quote");
                }

                var c = line[position++];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\' && position < line.Length)
                {
                    // The format's three escapes: backslash, double quote and line feed.
                    var escaped = line[position++];
                    value.Append(escaped == 'n' ? '\n' : escaped);
                    continue;
                }

                value.Append(c);
            }

            labels.Add(new(labelName, value.ToString()));
        }
    }

    private static long ParseTimestamp(ReadOnlySpan<char> text, int lineNumber, bool openMetrics)
    {
        if (!openMetrics && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return milliseconds;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            return openMetrics ? (long)Math.Round(seconds * 1000) : (long)seconds;
        }

        throw Error(lineNumber, $"'{text}' is not a timestamp");
    }

    private static bool TryParseValue(ReadOnlySpan<char> text, out double value)
    {
        switch (text)
        {
            case "NaN":
                value = double.NaN;
                return true;
            case "+Inf" or "Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    /// <summary>The family a sample belongs to, by exact name or by the suffixes histograms, summaries and counters add.</summary>
    private static (string Family, MetricKind Kind) FamilyOf(string name, Dictionary<string, MetricKind> types)
    {
        if (types.TryGetValue(name, out var kind))
        {
            return (name, kind);
        }

        foreach (var suffix in Suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(name[..^suffix.Length], out kind))
            {
                return (name[..^suffix.Length], kind);
            }
        }

        // Untyped: a _total name is a counter by the naming convention (Prometheus "Metric and label naming").
        return (name, name.EndsWith("_total", StringComparison.Ordinal) ? MetricKind.COUNTER : MetricKind.UNKNOWN);
    }

    private static readonly string[] Suffixes = ["_total", "_created", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info"];

    private static bool IsNameChar(char c, bool first) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' or ':' || (!first && c is >= '0' and <= '9');

    private static FormatException Error(int line, string message) => new($"line {line.ToString(CultureInfo.InvariantCulture)}: {message}");
}
