using Streams.Alerting.Notifications;

namespace Streams.Notifier;

/// <summary>
/// The <c>Notifier:Targets</c> section: which addresses the HTTP channels may reach. Loopback,
/// link-local (cloud metadata), unspecified, multicast and broadcast addresses are refused unless
/// allowed here; private ranges are allowed unless <see cref="RefusePrivate"/>.
/// </summary>
public sealed class NotifierTargetsOptions
{
    /// <summary>The section's path, also read by the API to reject refused literal targets when a preference is written.</summary>
    public const string SectionPath = NotifierOptions.SectionName + ":Targets";

    /// <summary>CIDRs, addresses or host names reachable despite the rules, e.g. <c>127.0.0.0/8</c> for a local receiver.</summary>
    public List<string> Allow { get; set; } = [];

    /// <summary>Also refuse private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7): for a notifier that should only reach the internet.</summary>
    public bool RefusePrivate { get; set; }

    /// <exception cref="ArgumentException">An <see cref="Allow"/> entry is neither a CIDR, an address nor a host name.</exception>
    public TargetPolicy ToPolicy() => new(Allow, RefusePrivate);
}
