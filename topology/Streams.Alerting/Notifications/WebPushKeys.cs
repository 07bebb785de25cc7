namespace Streams.Alerting.Notifications;

/// <summary>The keys of a browser's push subscription (RFC 8291): the P-256 public key and the 16-byte auth secret, base64url.</summary>
public sealed record WebPushKeys(string P256dh, string Auth);
