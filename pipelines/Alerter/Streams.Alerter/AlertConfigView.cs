using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Streams.Alerting.Config;
using Streams.Alerting.Lifecycle;
using Streams.Alerting.Rules;
using Streams.Alerting.Silences;

namespace Streams.Alerter;

/// <summary>
/// Applies the records of the alert-rules topic to the books the lifecycle reads: rules,
/// silences and acknowledgements (preferences are the notifier's). A stored record that no
/// longer validates (written by hand, or by an older version) is skipped with a warning rather
/// than stopping alerting for every other rule.
/// </summary>
public sealed partial class AlertConfigView(ILogger logger)
{
    public RuleBook Rules { get; } = new();

    public SilenceBook Silences { get; } = new();

    public AcknowledgementBook Acks { get; } = new();

    /// <summary>Records seen, tombstones included: an empty topic is one nobody has configured yet.</summary>
    public int RecordsSeen { get; private set; }

    public void Apply(string key, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        RecordsSeen++;
        if (!AlertConfigKey.TryParse(key, out var prefix, out var id))
        {
            return;
        }

        try
        {
            switch (prefix)
            {
                case AlertConfigKey.RulePrefix:
                    ApplyRule(id, value);
                    break;
                case AlertConfigKey.SilencePrefix:
                    ApplySilence(id, value);
                    break;
                case AlertConfigKey.AckPrefix:
                    ApplyAck(id, value);
                    break;
                default:
                    break;
            }
        }
        catch (JsonException e)
        {
            LogUnusable(key, e.Message);
        }
    }

    private void ApplyRule(string id, byte[]? value)
    {
        if (value is null)
        {
            Rules.Remove(id);
            return;
        }

        var rule = RuleJson.Parse(Encoding.UTF8.GetString(value), out var error);
        var problems = rule is null ? [error!] : RuleValidator.Validate(rule);
        if (problems.Count > 0 || rule!.Id != id)
        {
            LogUnusable(AlertConfigKey.Rule(id), problems.Count > 0 ? string.Join("; ", problems) : $"the rule's id '{rule!.Id}' differs from its key");
            return;
        }

        Rules.Publish(rule);
    }

    private void ApplySilence(string id, byte[]? value)
    {
        if (value is null)
        {
            Silences.Remove(id);
            return;
        }

        var silence = JsonSerializer.Deserialize<Silence>(value, RuleJson.Options) ?? throw new JsonException("null silence");
        var active = ActiveSilence.Compile(silence, out var errors);
        if (active is null)
        {
            LogUnusable(AlertConfigKey.Silence(id), string.Join("; ", errors));
            return;
        }

        Silences.Publish(active);
    }

    private void ApplyAck(string fingerprint, byte[]? value)
    {
        if (value is null)
        {
            Acks.Remove(fingerprint);
            return;
        }

        Acks.Publish(JsonSerializer.Deserialize<Acknowledgement>(value, RuleJson.Options) ?? throw new JsonException("null acknowledgement"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alerting skips {Key} from alert-rules: {Reason}")]
    private partial void LogUnusable(string key, string reason);
}
