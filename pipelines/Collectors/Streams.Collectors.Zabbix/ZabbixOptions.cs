using System.Net;
using Streams.Collectors.Zabbix.Mapping;
using Streams.Collectors.Publishing;

namespace Streams.Collectors.Zabbix;

/// <summary>The Zabbix trapper listener's settings, section <c>Zabbix</c>.</summary>
public sealed class ZabbixOptions
{
    public const string SectionName = "Zabbix";

    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>10051 is Zabbix server's trapper port, where zabbix_sender and active agents send by default; 0 picks a free one.</summary>
    public int Port { get; set; } = 10051;

    /// <summary>Largest message accepted (Zabbix's own limit is 1 GB; senders send far less).</summary>
    public int MaxMessageBytes { get; set; } = 16 << 20;

    /// <summary>A connection that has not sent its whole message within this is closed (Zabbix server's Timeout is 3 s by default).</summary>
    public int ReadTimeoutSeconds { get; set; } = 5;

    public ZabbixMappingOptions Mapping { get; set; } = new();

    public PublishingOptions Publishing { get; set; } = new() { SpoolPath = Path.Combine(Path.GetTempPath(), "streams", "spool", "zabbix") };

    /// <summary>Where the problem events of the media-type endpoint (<c>POST /zabbix/events</c>) are spooled on their way to logs.raw.</summary>
    public PublishingOptions EventsPublishing { get; set; } = new() { SpoolPath = Path.Combine(Path.GetTempPath(), "streams", "spool", "zabbix-events") };

    internal IPAddress Address => IPAddress.TryParse(BindAddress, out var address)
        ? address
        : throw new InvalidOperationException($"Zabbix:BindAddress '{BindAddress}' is not an IP address.");

    internal void Validate()
    {
        if (Port is < 0 or > 65535 || MaxMessageBytes < 1024 || ReadTimeoutSeconds < 1)
        {
            throw new InvalidOperationException("Zabbix:Port must be 0 to 65535, Zabbix:MaxMessageBytes at least 1024 and Zabbix:ReadTimeoutSeconds positive.");
        }

        _ = Address;
        Mapping.Validate();
    }
}
