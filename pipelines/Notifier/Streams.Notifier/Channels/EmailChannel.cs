using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using Streams.Alerting.Notifications;

namespace Streams.Notifier.Channels;

/// <summary>Email through an SMTP relay with MailKit: a plain-text and an HTML part, one connection per message.</summary>
internal sealed class EmailChannel(IOptions<NotifierOptions> options) : INotificationChannel
{
    public ChannelType Type => ChannelType.Email;

    public async Task SendAsync(NotificationMessage message, ChannelTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var settings = options.Value.Smtp;
        // The delivery id as the Message-ID: a copy sent again after a crash is one mail to clients that thread by it.
        var mail = new MimeMessage { Subject = message.Title, MessageId = message.DeliveryId + "@streams.notifier" };
        mail.From.Add(MailboxAddress.Parse(settings.From));
        mail.To.Add(MailboxAddress.Parse(target.Address ?? throw new PermanentDeliveryException("an email channel needs an address")));
        mail.Headers.Add("X-Streams-Group", message.Batch.GroupKey);
        var links = string.Join('\n', message.Alerts.Select(a => message.AlertUrl(a).AbsoluteUri));
        mail.Body = new BodyBuilder
        {
            TextBody = message.Text + "\n" + links + "\n",
            HtmlBody = "<h3>" + Html(message.Title) + "</h3><ul>"
                + string.Concat(message.Alerts.Select(a => $"<li><b>{a.state}</b> {a.severity} {Html(NotificationMessage.Summary(a))} <a href=\"{message.AlertUrl(a).AbsoluteUri}\">open</a></li>"))
                + "</ul>",
        }.ToMessageBody();

        using var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(settings.Host, settings.Port, settings.Tls, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(settings.User))
            {
                await smtp.AuthenticateAsync(settings.User, settings.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }

            await smtp.SendAsync(mail, cancellationToken).ConfigureAwait(false);
            await smtp.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode is >= 500 and < 600)
        {
            // 5xx is the server's final word (unknown mailbox, relay denied); 4xx is worth a retry.
            throw new PermanentDeliveryException($"SMTP refused the message: {(int)ex.StatusCode} {ex.Message}", ex);
        }
    }

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
