namespace Streams.Collectors.Agent.Parsing;

/// <summary>
/// Parses the paired lines of /proc/net/snmp and /proc/net/netstat: <c>Tcp: Name1 Name2 …</c>
/// followed by <c>Tcp: value1 value2 …</c>. Columns are found by name, since kernels add columns.
/// </summary>
internal static class SnmpTableParser
{
    /// <summary>Fills <paramref name="values"/> with the columns <paramref name="names"/> of <paramref name="section"/>; a missing column is NaN.</summary>
    public static void Read(ReadOnlySpan<char> text, ReadOnlySpan<char> section, ReadOnlySpan<string> names, Span<double> values)
    {
        values.Fill(double.NaN);
        ReadOnlySpan<char> header = default;
        foreach (var line in text.EnumerateLines())
        {
            var colon = line.IndexOf(':');
            if (colon <= 0 || !line[..colon].SequenceEqual(section))
            {
                continue;
            }

            if (header.IsEmpty)
            {
                header = line[(colon + 1)..];
                continue;
            }

            var headerFields = new FieldReader(header);
            var valueFields = new FieldReader(line[(colon + 1)..]);
            while (headerFields.TryNext(out var name) && valueFields.TryNext(out var value))
            {
                for (var i = 0; i < names.Length; i++)
                {
                    if (name.SequenceEqual(names[i]))
                    {
                        values[i] = FieldReader.ParseNumber(value);
                        break;
                    }
                }
            }

            return;
        }
    }
}
