namespace Streams.Notifier;

/// <summary>The <c>Notifier:Webhook</c> section: how generic webhooks are signed.</summary>
public sealed class NotifierWebhookOptions
{
    /// <summary>HMAC-SHA256 key; empty sends unsigned webhooks.</summary>
    public string? HmacSecret { get; set; }

    /// <summary>The header carrying <c>sha256=&lt;hex of HMAC-SHA256(secret, body)&gt;</c>.</summary>
    public string SignatureHeader { get; set; } = "X-Streams-Signature";
}
