using MailKit.Security;

namespace Streams.Notifier;

/// <summary>The <c>Notifier:Smtp</c> section: the relay email goes through.</summary>
public sealed class NotifierSmtpOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 25;

    /// <summary>Empty: no authentication.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Streams <streams@localhost>";

    /// <summary>None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable (MailKit's names).</summary>
    public SecureSocketOptions Tls { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;
}
