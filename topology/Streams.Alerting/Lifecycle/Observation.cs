using Streams.Alerting.Rules;

namespace Streams.Alerting.Lifecycle;

/// <summary>One rule's verdict on one input for one identity (host, series or application).</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Identity">The labels that identify the alert besides the rule: host, and series or app.</param>
/// <param name="Verdict">Whether the condition holds.</param>
/// <param name="Value">The value or score behind the verdict.</param>
/// <param name="AnomalyId">The anomaly behind a match, for the alert's evidence.</param>
/// <param name="Details">Extra annotations (e.g. an anomaly's top contributors).</param>
public sealed record Observation(
    AlertRule Rule,
    IReadOnlyDictionary<string, string> Identity,
    Verdict Verdict,
    double? Value,
    string? AnomalyId = null,
    IReadOnlyDictionary<string, string>? Details = null);
