using System.Net;
using System.Net.Sockets;

namespace Streams.Alerting.Notifications;

/// <summary>
/// Which addresses notification targets may reach (SSRF protection): loopback, link-local (and so
/// the cloud metadata services), unspecified, multicast, broadcast and reserved addresses are
/// refused, private ranges only when <see cref="RefusePrivate"/> is set, because webhooks to
/// internal services are the normal case on premises. Entries of the allow list (CIDRs, single
/// addresses or host names) are accepted despite those rules. Pure: resolving names is the
/// caller's; <see cref="RefusalOfLiteral"/> judges what a URL alone says.
/// </summary>
public sealed class TargetPolicy
{
    // AWS's IPv6 instance metadata endpoint sits in the unique-local range, which is allowed as
    // private, and Alibaba's in the shared (CGNAT) range: both are refused whatever the settings.
    private static readonly Dictionary<IPAddress, string> MetadataServices = new()
    {
        [IPAddress.Parse("fd00:ec2::254")] = "the cloud metadata service",
        [IPAddress.Parse("100.100.100.200")] = "the cloud metadata service",
    };

    private static readonly (IPNetwork Network, string What)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.169.254/32"), "link-local (cloud metadata)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("255.255.255.255/32"), "broadcast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork[] Private =
    [
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fec0::/10"),
    ];

    private readonly IPNetwork[] allowedNetworks;
    private readonly HashSet<string> allowedHosts;

    /// <param name="allow">CIDRs (<c>127.0.0.0/8</c>), addresses or host names (<c>hooks.internal</c>) accepted despite the rules.</param>
    /// <param name="refusePrivate">Whether private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) are refused too.</param>
    /// <exception cref="ArgumentException">An entry is neither a CIDR, an address nor a host name.</exception>
    public TargetPolicy(IEnumerable<string> allow, bool refusePrivate)
    {
        ArgumentNullException.ThrowIfNull(allow);
        var networks = new List<IPNetwork>();
        allowedHosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in allow)
        {
            var entry = raw?.Trim() ?? string.Empty;
            if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else if (Uri.CheckHostName(entry) == UriHostNameType.Dns)
            {
                allowedHosts.Add(entry.TrimEnd('.'));
            }
            else
            {
                throw new ArgumentException($"'{raw}' is neither a CIDR, an IP address nor a host name", nameof(allow));
            }
        }

        allowedNetworks = [.. networks];
        RefusePrivate = refusePrivate;
    }

    /// <summary>Nothing allowed beyond the rules, private ranges accepted.</summary>
    public static TargetPolicy Default { get; } = new([], refusePrivate: false);

    public bool RefusePrivate { get; }

    /// <summary>Whether the host name itself is on the allow list (its addresses are then not judged).</summary>
    public bool AllowsHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return allowedHosts.Contains(host.TrimEnd('.'));
    }

    /// <summary>Why <paramref name="address"/> may not be reached, e.g. <c>169.254.169.254 is link-local (cloud metadata)</c>; null when it may.</summary>
    public string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        // ::ffff:127.0.0.1 reaches 127.0.0.1: the IPv4 rules judge IPv4-mapped addresses.
        var judged = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (judged.AddressFamily == AddressFamily.InterNetworkV6 && judged.ScopeId != 0)
        {
            judged = new IPAddress(judged.GetAddressBytes());
        }

        if (allowedNetworks.Any(n => n.Contains(judged) || n.Contains(address)))
        {
            return null;
        }

        var shown = address.Equals(judged) ? judged.ToString() : $"{address} ({judged})";
        if (MetadataServices.TryGetValue(judged, out var service))
        {
            return $"{shown} is {service}";
        }

        foreach (var (network, what) in Refused)
        {
            if (network.Contains(judged))
            {
                return $"{shown} is {what}";
            }
        }

        return RefusePrivate && Private.Any(n => n.Contains(judged)) ? $"{shown} is private (Notifier:Targets:RefusePrivate)" : null;
    }

    /// <summary>
    /// What the URL alone proves refused: a literal address the rules refuse, or <c>localhost</c>
    /// (RFC 6761 reserves it and <c>*.localhost</c> for loopback). Other names need resolving: null.
    /// </summary>
    public string? RefusalOfLiteral(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost.Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            return Refusal(address);
        }

        var name = host.TrimEnd('.');
        var isLocalhost = name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        return isLocalhost && !AllowsHost(name) && Refusal(IPAddress.Loopback) is not null ? $"{name} is loopback" : null;
    }
}
