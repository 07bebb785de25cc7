namespace Streams.Collectors.Agent.Parsing;

/// <summary>Parses /proc/loadavg: <c>1.00 0.50 0.25 2/300 1234</c>.</summary>
internal static class LoadAvgParser
{
    public static LoadAverage Parse(ReadOnlySpan<char> text)
    {
        var fields = new FieldReader(text);
        return new LoadAverage(fields.NextNumber(), fields.NextNumber(), fields.NextNumber());
    }
}
