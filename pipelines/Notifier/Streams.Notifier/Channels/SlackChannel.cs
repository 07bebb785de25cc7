using System.Net.Http.Json;
using System.Text.Json.Nodes;
using io.streams.avro;
using Streams.Alerting.Notifications;

namespace Streams.Notifier.Channels;

/// <summary>Slack incoming webhooks: a Block Kit message (header, one section per alert, a context line), with <c>text</c> as the notification fallback.</summary>
internal sealed class SlackChannel(NotifierHttp http) : INotificationChannel
{
    // Slack rejects messages of more than 50 blocks; the last section says how many were left out.
    private const int MaxAlertSections = 20;

    public ChannelType Type => ChannelType.Slack;

    public async Task SendAsync(NotificationMessage message, ChannelTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var blocks = new JsonArray
        {
            new JsonObject { ["type"] = "header", ["text"] = PlainText(message.Title) },
        };
        foreach (var alert in message.Alerts.Take(MaxAlertSections))
        {
            var icon = alert.state switch
            {
                AlertState.RESOLVED => ":white_check_mark:",
                AlertState.ACKNOWLEDGED => ":eyes:",
                _ => alert.severity >= Severity.MAJOR ? ":rotating_light:" : ":warning:",
            };
            blocks.Add(new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject
                {
                    ["type"] = "mrkdwn",
                    ["text"] = $"{icon} *{alert.state}* {Escape(NotificationMessage.Summary(alert))}\n<{message.AlertUrl(alert)}|Open in Streams>",
                },
            });
        }

        if (message.Alerts.Count > MaxAlertSections)
        {
            blocks.Add(new JsonObject { ["type"] = "section", ["text"] = PlainText($"…and {message.Alerts.Count - MaxAlertSections} more") });
        }

        blocks.Add(new JsonObject
        {
            ["type"] = "context",
            ["elements"] = new JsonArray { new JsonObject { ["type"] = "mrkdwn", ["text"] = Escape($"{message.Batch.Preference.Name} · group {message.Batch.GroupKey}") } },
        });
        var payload = new JsonObject { ["text"] = message.Title, ["blocks"] = blocks };
        using var response = await http.Client.PostAsJsonAsync(target.Url, payload, cancellationToken).ConfigureAwait(false);
        await HttpDelivery.EnsureAcceptedAsync(response, "Slack", cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text[..Math.Min(text.Length, 150)] };

    // Slack's mrkdwn gives &, < and > meaning; they are escaped as HTML entities.
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
