namespace Streams.Collectors.Agent.Parsing;

/// <summary>Parses /proc/net/dev: two header lines, then <c>iface: rx(8 columns) tx(8 columns)</c>.</summary>
internal static class NetDevParser
{
    public static void Parse(ReadOnlySpan<char> text, NameCache names, List<NetDevStat> into)
    {
        into.Clear();
        foreach (var line in text.EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            if (name.IsEmpty || name.Contains('|'))
            {
                continue;
            }

            var fields = new FieldReader(line[(colon + 1)..]);
            var rxBytes = fields.NextNumber();
            var rxPackets = fields.NextNumber();
            var rxErrors = fields.NextNumber();
            var rxDrops = fields.NextNumber();
            for (var skip = 0; skip < 4; skip++)
            {
                fields.NextNumber(); // fifo, frame, compressed, multicast
            }

            into.Add(new NetDevStat(names.Get(name), rxBytes, rxPackets, rxErrors, rxDrops,
                fields.NextNumber(), fields.NextNumber(), fields.NextNumber(), fields.NextNumber()));
        }
    }
}
