using System.Text.RegularExpressions;

namespace Streams.Collectors.Zabbix.Mapping;

/// <summary>
/// A rewrite of item keys: <see cref="Pattern"/> (a .NET regex on the whole key) and the
/// <see cref="Metric"/> it becomes, which may use the groups (<c>$1</c>, <c>${name}</c>). Named
/// groups are also kept as tags, e.g. <c>^vfs\.fs\.size\[(?&lt;mount&gt;[^,]+),pused\]$</c> → <c>disk.used.percent</c>, tag <c>mount</c>.
/// </summary>
public sealed class ItemRewrite
{
    private Regex? _regex;

    public string Pattern { get; set; } = "";

    public string Metric { get; set; } = "";

    internal Regex Regex => _regex ??= new Regex(Pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}
