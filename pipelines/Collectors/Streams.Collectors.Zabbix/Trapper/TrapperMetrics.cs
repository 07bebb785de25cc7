using System.Diagnostics.Metrics;

namespace Streams.Collectors.Zabbix.Trapper;

/// <summary>The trapper's counters, exported through the host's OpenTelemetry meter provider.</summary>
internal static class TrapperMetrics
{
    public const string MeterName = "Streams.Collectors.Zabbix";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> RefusedConnections = Meter.CreateCounter<long>(
        "streams.zabbix.trapper.refused_connections", "{connection}", "Connections from addresses outside Zabbix:AllowedSenders, closed unanswered.");
}
