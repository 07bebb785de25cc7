using Streams.Alerting.Notifications;

namespace Streams.Notifier;

/// <summary>The <c>Notifier</c> configuration section.</summary>
public sealed class NotifierOptions
{
    /// <summary>The consumer group on <c>alerts</c>, whose lag <c>streams status</c> shows.</summary>
    public const string DefaultGroupId = "streams-notifier";

    public const string SectionName = "Notifier";

    public string GroupId { get; set; } = DefaultGroupId;

    public NotifierSmtpOptions Smtp { get; set; } = new();

    public NotifierTwilioOptions Twilio { get; set; } = new();

    public NotifierWebhookOptions Webhook { get; set; } = new();

    public NotifierWebPushOptions WebPush { get; set; } = new();

    public NotifierTargetsOptions Targets { get; set; } = new();

    /// <summary>
    /// Retries after the first attempt; each failed attempt is audited as PENDING with the next
    /// attempt's time. With the default delays, 12 retries span about 4 minutes: a receiver that
    /// restarts or a relay that is away for a minute or two still gets the notification, once.
    /// </summary>
    public int RetryCount { get; set; } = 12;

    /// <summary>First retry delay, doubled each retry with jitter (1 s, 2 s, 4 s, …) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Deliveries per minute per channel type (token bucket, keyed by the preference JSON's channel
    /// names); a delivery over the limit waits for its turn, audited PENDING with the reason and
    /// the expected time. A type not listed is not limited.
    /// </summary>
    public Dictionary<string, int> RateLimitsPerMinute { get; set; } = new(StringComparer.Ordinal)
    {
        [ChannelType.Email.Name()] = 120,
        [ChannelType.Sms.Name()] = 30,
        [ChannelType.Slack.Name()] = 60,
        [ChannelType.WebPush.Name()] = 600,
    };

    /// <summary>Where links in notifications point (the dashboard's public address).</summary>
    public Uri DashboardBaseUrl { get; set; } = new("http://127.0.0.1:8080/");

    /// <summary>How often group timers (group wait, group interval, repeat interval) are checked.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long start-up may read preferences and the notification ledger before consuming alerts.</summary>
    public TimeSpan CatchUpTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a stop waits for deliveries in flight.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
