using Streams.Platform.Security;
using System.Net;
using Streams.Collectors.Logs.Tailing;
using Streams.Collectors.Publishing;

namespace Streams.Collectors.Logs;

/// <summary>The log shipper's settings, section <c>Logs</c>.</summary>
public sealed class LogsOptions
{
    public const string SectionName = "Logs";

    /// <summary>Host of tailed lines, and of syslog messages that name none; defaults to the machine name.</summary>
    public string Host { get; set; } = Environment.MachineName;

    public List<TailedFileOptions> Files { get; set; } = [];

    /// <summary>Read a file met for the first time from its start (true) or only what is written from now on (false).</summary>
    public bool ReadFromHead { get; set; }

    /// <summary>JSON file of tail positions, so a restart resumes where it stopped.</summary>
    public string PositionsPath { get; set; } = StreamsDataDirectory.DefaultPath("Logs:PositionsPath");

    public int PollIntervalMs { get; set; } = 250;

    /// <summary>
    /// Where the syslog listeners bind. Syslog has no authentication, so loopback by default;
    /// another address (<c>0.0.0.0</c> for every interface) is the explicit choice to take logs
    /// from anyone who can reach the port: put a firewall or a relay in front.
    /// </summary>
    public string SyslogBindAddress { get; set; } = "127.0.0.1";

    /// <summary>UDP port for syslog (514 needs root; 5514 is usual); null turns UDP off.</summary>
    public int? SyslogUdpPort { get; set; }

    /// <summary>TCP port for syslog, octet-counting or newline framing; null turns TCP off.</summary>
    public int? SyslogTcpPort { get; set; }

    /// <summary>A TCP message without a newline is cut at this size (and shipped).</summary>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    public PublishingOptions Publishing { get; set; } = new() { SpoolPath = StreamsDataDirectory.DefaultPath("Logs:Publishing:SpoolPath") };

    internal IPAddress BindAddress => IPAddress.TryParse(SyslogBindAddress, out var address)
        ? address
        : throw new InvalidOperationException($"Logs:SyslogBindAddress '{SyslogBindAddress}' is not an IP address.");

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new InvalidOperationException("Logs:Host must name this host.");
        }

        if (PollIntervalMs is < 10 or > 60_000 || MaxMessageBytes < 480)
        {
            // RFC 5424 section 6.1: receivers must accept messages of 480 octets.
            throw new InvalidOperationException("Logs:PollIntervalMs must be 10 to 60000 and Logs:MaxMessageBytes at least 480.");
        }

        if (Files.Any(f => string.IsNullOrWhiteSpace(f.Path)))
        {
            throw new InvalidOperationException("Every Logs:Files entry needs a Path.");
        }

        if (SyslogUdpPort is < 0 or > 65535 || SyslogTcpPort is < 0 or > 65535)
        {
            throw new InvalidOperationException("Logs:SyslogUdpPort and Logs:SyslogTcpPort must be 0 to 65535.");
        }

        _ = BindAddress;
    }
}
