using MailKit.Security;
using Streams.Notifier.Channels;

namespace Streams.Notifier.Tests.Channels;

public sealed class EmailChannelTests
{
    [Fact]
    public async Task SendAsync_RealSmtpServer_DeliversSubjectRecipientAndAlertText()
    {
        using var smtp = await SmtpServer.StartAsync();
        var options = TestData.Options(o => o.Smtp = new NotifierSmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Tls = SecureSocketOptions.None, From = "Streams <streams@example.com>" });
        var preference = TestData.Preference("""{ "type": "email", "address": "oncall@example.com" }""");

        await new EmailChannel(options).SendAsync(TestData.Message(preference, TestData.Alert()), preference.Channels[0], CancellationToken.None);

        var mail = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("[FIRING:1] CpuHigh web-1 (MAJOR)", mail.Subject);
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e@streams.notifier", mail.MessageId);
        Assert.Equal("oncall@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Equal("streams@example.com", mail.From.Mailboxes.Single().Address);
        Assert.Contains("CPU above 90% on web-1", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://dash.test/alerts/fp-1", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NoServer_Throws()
    {
        var port = SmtpServer.FreePort();
        var options = TestData.Options(o => o.Smtp = new NotifierSmtpOptions { Host = "127.0.0.1", Port = port, Tls = SecureSocketOptions.None });
        var preference = TestData.Preference("""{ "type": "email", "address": "oncall@example.com" }""");

        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => new EmailChannel(options).SendAsync(TestData.Message(preference, TestData.Alert()), preference.Channels[0], CancellationToken.None));
    }
}
