using System.Globalization;
using System.Text;

namespace Streams.Collectors.Nagios.Perfdata;

/// <summary>
/// Parses plugin performance data as the Nagios plugin development guidelines define it
/// (section "Performance data"): space-separated <c>'label'=value[UOM];[warn];[crit];[min];[max]</c>,
/// the label quoted when it has spaces or '=' (a quote inside doubled), value <c>U</c> when undetermined.
/// </summary>
internal static class PerfdataParser
{
    /// <summary>The items of <paramref name="perfdata"/>; <paramref name="errors"/> gets one line per item that does not parse (the others are kept).</summary>
    public static List<PerfValue> Parse(string perfdata, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(perfdata);
        ArgumentNullException.ThrowIfNull(errors);
        var values = new List<PerfValue>();
        var position = 0;
        while (true)
        {
            while (position < perfdata.Length && char.IsWhiteSpace(perfdata[position]))
            {
                position++;
            }

            if (position >= perfdata.Length)
            {
                return values;
            }

            var start = position;
            var label = ReadLabel(perfdata, ref position);
            var end = perfdata.IndexOfAny([' ', '\t', '\n'], position);
            end = end < 0 ? perfdata.Length : end;
            var item = perfdata[start..end];
            if (label is null || position >= perfdata.Length || perfdata[position] != '=')
            {
                errors.Add($"'{item}' is not label=value");
                position = end;
                continue;
            }

            var fields = perfdata[(position + 1)..end].Split(';');
            position = end;
            var (number, uom) = SplitUom(fields[0]);
            if (number == "U")
            {
                continue;
            }

            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                errors.Add($"'{item}': '{fields[0]}' is not a number with a unit of measure");
                continue;
            }

            values.Add(new PerfValue(label, value, uom, Field(fields, 1), Field(fields, 2), Number(Field(fields, 3)), Number(Field(fields, 4))));
        }
    }

    private static string? ReadLabel(string text, ref int position)
    {
        if (text[position] != '\'')
        {
            var equals = text.IndexOf('=', position);
            var space = text.IndexOfAny([' ', '\t', '\n'], position);
            if (equals <= position || (space >= 0 && space < equals))
            {
                return null;
            }

            var label = text[position..equals];
            position = equals;
            return label;
        }

        var quoted = new StringBuilder();
        position++;
        while (position < text.Length)
        {
            if (text[position] == '\'')
            {
                if (position + 1 < text.Length && text[position + 1] == '\'')
                {
                    quoted.Append('\'');
                    position += 2;
                    continue;
                }

                position++;
                return quoted.ToString();
            }

            quoted.Append(text[position++]);
        }

        return null;
    }

    private static (string Number, string Uom) SplitUom(string field)
    {
        var end = field.Length;
        while (end > 0 && !char.IsDigit(field[end - 1]) && field[end - 1] != '.' && field[end - 1] != 'U')
        {
            end--;
        }

        return (field[..end], field[end..]);
    }

    private static string Field(string[] fields, int index) => index < fields.Length ? fields[index] : "";

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
