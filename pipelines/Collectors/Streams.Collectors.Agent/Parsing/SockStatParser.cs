namespace Streams.Collectors.Agent.Parsing;

/// <summary>Parses /proc/net/sockstat: <c>TCP: inuse 3 orphan 0 tw 37 alloc 4 mem 148</c>.</summary>
internal static class SockStatParser
{
    public static SockStat Parse(ReadOnlySpan<char> text)
    {
        double inUse = 0, orphan = 0, timeWait = 0, allocated = 0, udpInUse = 0;
        foreach (var line in text.EnumerateLines())
        {
            var fields = new FieldReader(line);
            if (!fields.TryNext(out var protocol))
            {
                continue;
            }

            var tcp = protocol.SequenceEqual("TCP:");
            var udp = protocol.SequenceEqual("UDP:");
            while ((tcp || udp) && fields.TryNext(out var name))
            {
                var value = fields.NextNumber();
                switch (name)
                {
                    case "inuse" when tcp: inUse = value; break;
                    case "orphan": orphan = value; break;
                    case "tw": timeWait = value; break;
                    case "alloc": allocated = value; break;
                    case "inuse": udpInUse = value; break;
                    default: break;
                }
            }
        }

        return new SockStat(inUse, orphan, timeWait, allocated, udpInUse);
    }
}
