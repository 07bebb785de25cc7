using System.Collections.Concurrent;
using Streams.Alerting.Matching;

namespace Streams.Alerting.Rules;

/// <summary>Whether a rule's scope covers a host; host globs are compiled once per pattern.</summary>
public static class RuleScopeMatch
{
    private static readonly ConcurrentDictionary<string, Glob> Globs = new(StringComparer.Ordinal);

    public static bool Covers(this RuleScope scope, string host, IReadOnlyDictionary<string, string> hostTags)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(hostTags);
        return (scope.Hosts.Count == 0 || scope.Hosts.Any(p => Compiled(p).IsMatch(host)))
            && scope.Tags.All(t => hostTags.TryGetValue(t.Key, out var value) && value == t.Value);
    }

    public static bool Matches(string pattern, string value) => Compiled(pattern).IsMatch(value);

    private static Glob Compiled(string pattern) => Globs.GetOrAdd(pattern, p => new Glob(p));
}
