namespace Streams.Collectors.Nagios.Checks;

/// <summary>
/// A plugin's output split as the Nagios plugin API defines it ("Plugin Output Spec"): the first
/// line is <c>TEXT | PERFDATA</c>; later lines are long text, and from a line holding <c>|</c>
/// on, everything after it is more perfdata.
/// </summary>
internal readonly record struct PluginOutput(string Text, string LongText, string Perfdata)
{
    public static PluginOutput Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var (text, perf) = SplitPipe(lines[0]);
        var longText = new List<string>();
        var perfdata = new List<string> { perf };
        var inPerf = false;
        foreach (var line in lines.Skip(1))
        {
            if (inPerf)
            {
                perfdata.Add(line);
                continue;
            }

            var pipe = line.IndexOf('|', StringComparison.Ordinal);
            if (pipe >= 0)
            {
                longText.Add(line[..pipe]);
                perfdata.Add(line[(pipe + 1)..]);
                inPerf = true;
            }
            else
            {
                longText.Add(line);
            }
        }

        return new PluginOutput(text.Trim(), string.Join('\n', longText).Trim(), string.Join(' ', perfdata.Select(p => p.Trim()).Where(p => p.Length > 0)));
    }

    private static (string Text, string Perf) SplitPipe(string line)
    {
        var pipe = line.IndexOf('|', StringComparison.Ordinal);
        return pipe < 0 ? (line, "") : (line[..pipe], line[(pipe + 1)..]);
    }
}
