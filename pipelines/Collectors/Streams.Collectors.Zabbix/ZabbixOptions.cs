using Streams.Platform.Security;
using System.Net;
using Streams.Collectors.Zabbix.Mapping;
using Streams.Collectors.Publishing;

namespace Streams.Collectors.Zabbix;

/// <summary>The Zabbix trapper listener's settings, section <c>Zabbix</c>.</summary>
public sealed class ZabbixOptions
{
    public const string SectionName = "Zabbix";

    /// <summary>The trapper's address. Beyond loopback it needs <see cref="AllowedSenders"/>: the Zabbix protocol has no authentication this trapper can offer (see README).</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Addresses and CIDR blocks the trapper takes connections from, like Zabbix server's
    /// <c>Allowed hosts</c>; connections from elsewhere are closed unanswered. <c>0.0.0.0/0</c> and
    /// <c>::/0</c> say "anyone", explicitly. Empty: no filter, so the bind address decides; the
    /// host refuses to start a trapper bound beyond loopback with an empty list unless
    /// <c>Security:AllowUnauthenticatedRemote</c> says so.
    /// </summary>
    public List<string> AllowedSenders { get; set; } = [];

    /// <summary>The shared secret of <c>POST /zabbix/events</c>, sent as <c>Authorization: Bearer</c> (or <c>X-Streams-Token</c>); unset: the one in <see cref="WebhookTokenFile"/>, generated at the first start.</summary>
    public string? WebhookToken { get; set; }

    /// <summary>Where the generated webhook secret is kept (mode 0600); unset is <c>zabbix/webhook.token</c> under the data directory (<c>Streams:DataDir</c>).</summary>
    public string? WebhookTokenFile { get; set; }

    /// <summary>10051 is Zabbix server's trapper port, where zabbix_sender and active agents send by default; 0 picks a free one.</summary>
    public int Port { get; set; } = 10051;

    /// <summary>Largest message accepted (Zabbix's own limit is 1 GB; senders send far less).</summary>
    public int MaxMessageBytes { get; set; } = 16 << 20;

    /// <summary>A connection that has not sent its whole message within this is closed (Zabbix server's Timeout is 3 s by default).</summary>
    public int ReadTimeoutSeconds { get; set; } = 5;

    public ZabbixMappingOptions Mapping { get; set; } = new();

    public PublishingOptions Publishing { get; set; } = new() { SpoolPath = StreamsDataDirectory.DefaultPath("Zabbix:Publishing:SpoolPath") };

    /// <summary>Where the problem events of the media-type endpoint (<c>POST /zabbix/events</c>) are spooled on their way to logs.raw.</summary>
    public PublishingOptions EventsPublishing { get; set; } = new() { SpoolPath = StreamsDataDirectory.DefaultPath("Zabbix:EventsPublishing:SpoolPath") };

    internal IPAddress Address => IPAddress.TryParse(BindAddress, out var address)
        ? address
        : throw new InvalidOperationException($"Zabbix:BindAddress '{BindAddress}' is not an IP address.");

    /// <summary><see cref="AllowedSenders"/> parsed; empty for no filter.</summary>
    internal IReadOnlyList<IPNetwork> Senders => [.. AllowedSenders.Select(ParseSender)];

    internal void Validate()
    {
        if (Port is < 0 or > 65535 || MaxMessageBytes < 1024 || ReadTimeoutSeconds < 1)
        {
            throw new InvalidOperationException("Zabbix:Port must be 0 to 65535, Zabbix:MaxMessageBytes at least 1024 and Zabbix:ReadTimeoutSeconds positive.");
        }

        _ = Address;
        _ = Senders;
        Mapping.Validate();
    }

    private static IPNetwork ParseSender(string sender)
    {
        if (IPNetwork.TryParse(sender, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(sender, out var address)
            ? new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            : throw new InvalidOperationException($"Zabbix:AllowedSenders entry '{sender}' is neither an IP address nor a CIDR block.");
    }
}
