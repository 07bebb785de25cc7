namespace Streams.Collectors.Agent.Parsing;

/// <summary>Interns device, interface and mount names so a sample tick allocates no strings once the names are known.</summary>
internal sealed class NameCache
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public NameCache() => _lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> name)
    {
        if (_lookup.TryGetValue(name, out var known))
        {
            return known;
        }

        var created = name.ToString();
        _names[created] = created;
        return created;
    }
}
