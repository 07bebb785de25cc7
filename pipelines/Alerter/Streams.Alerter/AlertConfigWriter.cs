using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Streams.Alerting.Config;
using Streams.Alerting.Lifecycle;
using Streams.Alerting.Rules;
using Streams.Alerting.Silences;
using Streams.Schemas.Topics;

namespace Streams.Alerter;

/// <summary>
/// Writes alerting configuration to the compacted alert-rules topic, validating first: what is
/// rejected here never reaches the stages. Used by <c>streams rules</c>, <c>streams silence</c>,
/// <c>streams ack</c> and the API.
/// </summary>
public sealed class AlertConfigWriter(IProducer<string, byte[]> producer)
{
    /// <summary>Stores <paramref name="rule"/>; returns the validation errors instead when it has any.</summary>
    public async Task<IReadOnlyList<string>> PutRuleAsync(AlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = RuleValidator.Validate(rule);
        if (errors.Count == 0)
        {
            await ProduceAsync(AlertConfigKey.Rule(rule.Id), Encoding.UTF8.GetBytes(RuleJson.Serialize(rule)), cancellationToken).ConfigureAwait(false);
        }

        return errors;
    }

    public Task DeleteRuleAsync(string id, CancellationToken cancellationToken = default) =>
        ProduceAsync(AlertConfigKey.Rule(id), null, cancellationToken);

    /// <summary>Stores <paramref name="silence"/>; returns the validation errors instead when it has any.</summary>
    public async Task<IReadOnlyList<string>> PutSilenceAsync(Silence silence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silence);
        _ = ActiveSilence.Compile(silence, out var errors);
        if (errors.Count == 0)
        {
            await ProduceAsync(AlertConfigKey.Silence(silence.Id), JsonSerializer.SerializeToUtf8Bytes(silence, RuleJson.Options), cancellationToken).ConfigureAwait(false);
        }

        return errors;
    }

    public Task DeleteSilenceAsync(string id, CancellationToken cancellationToken = default) =>
        ProduceAsync(AlertConfigKey.Silence(id), null, cancellationToken);

    public Task AcknowledgeAsync(Acknowledgement ack, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ack);
        ArgumentException.ThrowIfNullOrWhiteSpace(ack.Fingerprint);
        ArgumentException.ThrowIfNullOrWhiteSpace(ack.By);
        return ProduceAsync(AlertConfigKey.Ack(ack.Fingerprint), JsonSerializer.SerializeToUtf8Bytes(ack, RuleJson.Options), cancellationToken);
    }

    private async Task ProduceAsync(string key, byte[]? value, CancellationToken cancellationToken) =>
        await producer.ProduceAsync(TopicCatalogue.AlertRules.Name, new Message<string, byte[]> { Key = key, Value = value! }, cancellationToken).ConfigureAwait(false);
}
