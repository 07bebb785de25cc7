namespace Streams.Alerting.Rules;

/// <summary>Which hosts a rule applies to: host name globs and required host tags (role, dc, group); empty means every host.</summary>
public sealed record RuleScope
{
    public IReadOnlyList<string> Hosts { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
}
