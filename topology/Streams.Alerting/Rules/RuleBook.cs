using System.Collections.Immutable;

namespace Streams.Alerting.Rules;

/// <summary>
/// The current rules, shared by every stream thread of the alerting role and kept in step with
/// the alert-rules topic by one reader. Readers take an immutable snapshot, so a rule change
/// never tears an evaluation.
/// </summary>
public sealed class RuleBook
{
    private ImmutableDictionary<string, AlertRule> rules = ImmutableDictionary<string, AlertRule>.Empty.WithComparers(StringComparer.Ordinal);

    public RuleBook()
    {
    }

    public RuleBook(IEnumerable<AlertRule> initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        foreach (var rule in initial)
        {
            Publish(rule);
        }
    }

    /// <summary>The enabled rules: what alerts are judged by.</summary>
    public IReadOnlyCollection<AlertRule> Rules => rules.Values.Where(r => r.Enabled).ToList();

    /// <summary>Every rule, disabled ones included.</summary>
    public IReadOnlyCollection<AlertRule> All => [.. rules.Values];

    public int Count => rules.Count;

    public AlertRule? Find(string id) => rules.GetValueOrDefault(id);

    public void Publish(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ImmutableInterlocked.AddOrUpdate(ref rules, rule.Id, rule, (_, _) => rule);
    }

    public void Remove(string id) => ImmutableInterlocked.TryRemove(ref rules, id, out _);
}
