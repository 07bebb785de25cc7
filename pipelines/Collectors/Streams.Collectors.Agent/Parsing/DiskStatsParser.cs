namespace Streams.Collectors.Agent.Parsing;

/// <summary>Parses /proc/diskstats into <paramref name="into"/>, skipping loop, RAM and zram devices.</summary>
internal static class DiskStatsParser
{
    public static void Parse(ReadOnlySpan<char> text, NameCache names, List<DiskStat> into)
    {
        into.Clear();
        foreach (var line in text.EnumerateLines())
        {
            var fields = new FieldReader(line);
            if (!fields.TryNext(out _) || !fields.TryNext(out _) || !fields.TryNext(out var device))
            {
                continue;
            }

            if (device.StartsWith("loop") || device.StartsWith("ram") || device.StartsWith("zram"))
            {
                continue;
            }

            var reads = fields.NextNumber();
            fields.NextNumber(); // reads merged
            var sectorsRead = fields.NextNumber();
            var readMs = fields.NextNumber();
            var writes = fields.NextNumber();
            fields.NextNumber(); // writes merged
            var sectorsWritten = fields.NextNumber();
            var writeMs = fields.NextNumber();
            var inFlight = fields.NextNumber();
            var ioMs = fields.NextNumber();
            var weightedIoMs = fields.NextNumber();
            into.Add(new DiskStat(names.Get(device), reads, sectorsRead, readMs, writes, sectorsWritten, writeMs, inFlight, ioMs, weightedIoMs));
        }
    }
}
