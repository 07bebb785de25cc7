namespace Streams.Collectors.Agent.Parsing;

/// <summary>Parses /proc/meminfo (values in kB).</summary>
internal static class MemInfoParser
{
    public static MemInfo Parse(ReadOnlySpan<char> text)
    {
        double total = 0, free = 0, buffers = 0, cached = 0, shmem = 0, reclaimable = 0, swapTotal = 0, swapFree = 0;
        double? available = null;
        foreach (var line in text.EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var fields = new FieldReader(line[(colon + 1)..]);
            var bytes = fields.NextNumber() * 1024;
            switch (name)
            {
                case "MemTotal": total = bytes; break;
                case "MemFree": free = bytes; break;
                case "MemAvailable": available = bytes; break;
                case "Buffers": buffers = bytes; break;
                case "Cached": cached = bytes; break;
                case "Shmem": shmem = bytes; break;
                case "SReclaimable": reclaimable = bytes; break;
                case "SwapTotal": swapTotal = bytes; break;
                case "SwapFree": swapFree = bytes; break;
                default: break;
            }
        }

        // MemAvailable exists since Linux 3.14; before it, free + buffers + cache is the usual estimate.
        return new MemInfo(total, free, available ?? free + buffers + cached, buffers, cached, shmem, reclaimable, swapTotal, swapFree);
    }
}
