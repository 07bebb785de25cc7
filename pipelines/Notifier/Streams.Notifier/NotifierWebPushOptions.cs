namespace Streams.Notifier;

/// <summary>The <c>Notifier:WebPush</c> section: the application server's VAPID identity (RFC 8292).</summary>
public sealed class NotifierWebPushOptions
{
    /// <summary>A <c>mailto:</c> or <c>https:</c> contact for push services.</summary>
    public string Subject { get; set; } = "mailto:streams@localhost";

    /// <summary>Base64url uncompressed P-256 public key (65 bytes), the one browsers subscribe with.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Base64url P-256 private key (32 bytes).</summary>
    public string? PrivateKey { get; set; }
}
