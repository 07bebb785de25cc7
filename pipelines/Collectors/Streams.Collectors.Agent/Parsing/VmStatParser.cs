namespace Streams.Collectors.Agent.Parsing;

/// <summary>Parses /proc/vmstat (<c>name value</c> lines).</summary>
internal static class VmStatParser
{
    public static VmStat Parse(ReadOnlySpan<char> text)
    {
        double swapIn = 0, swapOut = 0, pageIn = 0, pageOut = 0, majorFaults = 0;
        foreach (var line in text.EnumerateLines())
        {
            var fields = new FieldReader(line);
            if (!fields.TryNext(out var name))
            {
                continue;
            }

            switch (name)
            {
                case "pswpin": swapIn = fields.NextNumber(); break;
                case "pswpout": swapOut = fields.NextNumber(); break;
                case "pgpgin": pageIn = fields.NextNumber(); break;
                case "pgpgout": pageOut = fields.NextNumber(); break;
                case "pgmajfault": majorFaults = fields.NextNumber(); break;
                default: break;
            }
        }

        return new VmStat(swapIn, swapOut, pageIn, pageOut, majorFaults);
    }
}
