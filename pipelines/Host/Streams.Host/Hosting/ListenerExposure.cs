using System.Globalization;
using Microsoft.Extensions.Configuration;
using Streams.Collectors.Logs;
using Streams.Collectors.Zabbix;
using Streams.Platform.Security;

namespace Streams.Host.Hosting;

/// <summary>
/// Who can reach each listener of a process, from its configuration: what <c>streams status</c>
/// shows, and what a start refuses when a listener would take data or commands from anyone on
/// the network (<see cref="Enforce"/>).
/// </summary>
internal static class ListenerExposure
{
    public const string AllowUnauthenticatedRemote = "Security:AllowUnauthenticatedRemote";

    /// <summary>The listeners of a process running <paramref name="roles"/>.</summary>
    public static IReadOnlyList<Listener> Describe(IConfiguration configuration, IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(roles);
        var api = configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        var apiLocal = Loopback.IsLoopback(api.Host);
        var keys = configuration.GetValue("Api:Auth:Enabled", true);
        var listeners = new List<Listener>
        {
            keys
                ? new("api port", Endpoint(api.Host, api.Port), Local(apiLocal, "API keys (/api viewer+, /platform admin, /scorer viewer; health and /metrics open)"))
                : new("api port", Endpoint(api.Host, api.Port), Local(apiLocal, "no API keys (Api:Auth:Enabled=false): every caller is an admin"), !apiLocal,
                    $"Bind Api:Host to 127.0.0.1, turn Api:Auth:Enabled back on, or set {AllowUnauthenticatedRemote}=true if a proxy in front authenticates"),
        };

        if (roles.Contains(RoleCatalogue.PlatformRole))
        {
            listeners.AddRange(EmbeddedPlatform(configuration));
        }

        if (roles.Contains(RoleCatalogue.NagiosRole))
        {
            listeners.Add(new("nrdp", "/nrdp/ on the api port", Local(apiLocal, "NRDP token (Nagios:Tokens, else the generated nagios/nrdp.token)")));
        }

        if (roles.Contains(RoleCatalogue.ZabbixRole))
        {
            listeners.Add(new("zabbix webhook", "/zabbix/events on the api port", Local(apiLocal, "shared secret (Zabbix:WebhookToken, else the generated zabbix/webhook.token)")));
            listeners.Add(Trapper(configuration.GetSection(ZabbixOptions.SectionName).Get<ZabbixOptions>() ?? new ZabbixOptions()));
        }

        if (roles.Contains(RoleCatalogue.PrometheusRole))
        {
            listeners.Add(new("prometheus remote-write", "/api/v1/write on the api port", Local(apiLocal, "shared secret (Prometheus:RemoteWriteToken, else the generated prometheus/remote-write.token)")));
        }

        if (roles.Contains(RoleCatalogue.LogsRole))
        {
            var logs = configuration.GetSection(LogsOptions.SectionName).Get<LogsOptions>() ?? new LogsOptions();
            // Syslog has no authentication: a bind beyond loopback is itself the explicit choice (README).
            var protection = Local(Loopback.IsLoopback(logs.SyslogBindAddress), "none: syslog has no authentication (Logs:SyslogBindAddress opts in)");
            if (logs.SyslogUdpPort is { } udp)
            {
                listeners.Add(new("syslog udp", Endpoint(logs.SyslogBindAddress, udp), protection));
            }

            if (logs.SyslogTcpPort is { } tcp)
            {
                listeners.Add(new("syslog tcp", Endpoint(logs.SyslogBindAddress, tcp), protection));
            }
        }

        return listeners;
    }

    /// <summary>
    /// Refuses a start where a listener would be open to the network without a credential,
    /// unless <see cref="AllowUnauthenticatedRemote"/> says so.
    /// </summary>
    /// <exception cref="InvalidOperationException">The first open listener, and what to set.</exception>
    public static void Enforce(IConfiguration configuration, IReadOnlyCollection<string> roles)
    {
        if (configuration.GetValue(AllowUnauthenticatedRemote, false))
        {
            return;
        }

        if (Describe(configuration, roles).FirstOrDefault(l => l.Open) is { } open)
        {
            throw new InvalidOperationException($"Refusing to start: the {open.Name} on {open.Address} would be open to the network without authentication. {open.Fix}.");
        }
    }

    // The embedded parts speak their protocols without credentials, as their external counterparts
    // do out of the box; the ClickHouse endpoint runs any SQL, file() included, as the process.
    private static IEnumerable<Listener> EmbeddedPlatform(IConfiguration configuration)
    {
        var parts = new[]
        {
            ("embedded kafka", "Kafka:BootstrapServers", "Kafka:Embedded", 9092, "none: the Kafka protocol without SASL"),
            ("embedded schema registry", "SchemaRegistry:Url", "SchemaRegistry:Embedded", 8081, "none: registers and reads schemas"),
            ("embedded clickhouse", "ClickHouse:Url", "ClickHouse:Embedded", 8123, "none: any SQL, files the process can read included (analysts use POST /api/sql)"),
        };
        foreach (var (name, external, section, port, protection) in parts)
        {
            if (!string.IsNullOrEmpty(configuration[external]))
            {
                continue;
            }

            var host = configuration[section + ":Host"] is { Length: > 0 } configured ? configured : "127.0.0.1";
            var local = Loopback.IsLoopback(host);
            yield return new(name, Endpoint(host, configuration.GetValue(section + ":Port", port)), Local(local, protection), !local,
                $"Bind {section}:Host to 127.0.0.1 (the roles of this process reach it there), or set {AllowUnauthenticatedRemote}=true where the network around it is the boundary");
        }
    }

    private static Listener Trapper(ZabbixOptions zabbix)
    {
        var address = Endpoint(zabbix.BindAddress, zabbix.Port);
        if (Loopback.IsLoopback(zabbix.BindAddress))
        {
            return new("zabbix trapper", address, "loopback only");
        }

        if (zabbix.AllowedSenders.Count == 0)
        {
            return new("zabbix trapper", address, "none: anyone who reaches the port", Open: true,
                $"Bind Zabbix:BindAddress to 127.0.0.1, list the senders in Zabbix:AllowedSenders (0.0.0.0/0 for anyone), or set {AllowUnauthenticatedRemote}=true");
        }

        return new("zabbix trapper", address, "senders in Zabbix:AllowedSenders: " + string.Join(", ", zabbix.AllowedSenders));
    }

    private static string Local(bool loopback, string protection) => loopback ? "loopback only; " + protection : protection;

    private static string Endpoint(string host, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}");
}
