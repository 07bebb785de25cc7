namespace Streams.Notifier;

/// <summary>The <c>Notifier:Twilio</c> section: any Twilio-compatible SMS REST API.</summary>
public sealed class NotifierTwilioOptions
{
    public Uri BaseUrl { get; set; } = new("https://api.twilio.com/");

    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    /// <summary>The sender number, E.164.</summary>
    public string? FromNumber { get; set; }
}
