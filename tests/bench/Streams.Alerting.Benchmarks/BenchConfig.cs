using System.Text;
using Confluent.Kafka;
using io.streams.avro;
using Streams.Alerter;
using Streams.Alerting.Config;
using Streams.Alerting.Notifications;
using Streams.Alerting.Rules;
using Streams.Schemas.Topics;

namespace Streams.Alerting.Benchmarks;

/// <summary>
/// What the bench writes to <c>alert-rules</c> before the roles start: the default rules (so
/// every window and anomaly is judged by the production rule set), plus one anomaly rule that
/// fires on the first WARNING anomaly of a host (for 0 s, one window), and one webhook preference
/// for that rule's alerts with no group wait.
/// </summary>
internal static class BenchConfig
{
    public const string RuleId = "bench-anomaly";

    public static AlertRule Rule { get; } = new()
    {
        Id = RuleId,
        Name = "BenchAnomaly",
        Kind = RuleKind.Anomaly,
        Severity = Severity.WARNING,
        For = TimeSpan.Zero,
        Anomaly = new() { MinSeverity = Severity.WARNING, MinConsecutiveWindows = 1 },
        Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { ["summary"] = "{{host}} is anomalous (score {{value}})" },
    };

    public static async Task WriteAsync(string bootstrapServers, Uri webhook)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers, Acks = Acks.All }).Build();
        var writer = new AlertConfigWriter(producer);
        foreach (var rule in DefaultRules.All.Append(Rule))
        {
            if (await writer.PutRuleAsync(rule) is { Count: > 0 } errors)
            {
                throw new InvalidOperationException($"rule {rule.Id}: {string.Join("; ", errors)}");
            }
        }

        var preference = $$"""
            { "name": "Bench on-call", "team": "bench",
              "channels": [ { "type": "webhook", "url": "{{webhook}}", "name": "bench-hook" } ],
              "matchers": [ "rule=\"{{RuleId}}\"" ],
              "minSeverity": "info", "groupWait": "0s", "notifyResolved": false }
            """;
        if (PreferenceValidator.Validate("bench", preference) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException($"preference: {string.Join("; ", problems)}");
        }

        await producer.ProduceAsync(TopicCatalogue.AlertRules.Name, new Message<string, byte[]> { Key = AlertConfigKey.Preference("bench"), Value = Encoding.UTF8.GetBytes(preference) });
    }
}
