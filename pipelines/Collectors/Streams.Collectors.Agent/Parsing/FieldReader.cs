using System.Globalization;

namespace Streams.Collectors.Agent.Parsing;

/// <summary>Walks the whitespace-separated fields of one line of a /proc file without allocating.</summary>
internal ref struct FieldReader(ReadOnlySpan<char> line)
{
    private ReadOnlySpan<char> _rest = line;

    public bool TryNext(out ReadOnlySpan<char> field)
    {
        _rest = _rest.TrimStart();
        if (_rest.IsEmpty)
        {
            field = default;
            return false;
        }

        var end = _rest.IndexOfAny(' ', '\t');
        field = end < 0 ? _rest : _rest[..end];
        _rest = end < 0 ? default : _rest[end..];
        return true;
    }

    /// <summary>The next field as a number; 0 when the line has no more fields (older kernels print fewer columns).</summary>
    public double NextNumber() => TryNext(out var field) ? ParseNumber(field) : 0;

    public static double ParseNumber(ReadOnlySpan<char> field) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
