namespace Streams.Collectors.Nagios.Checks;

/// <summary>Where the check reads a host's anomalies and alerts from (ClickHouse; a stub in tests).</summary>
internal interface IHostAnomalySource
{
    Task<HostAnomalySummary> GetAsync(string host, int windowMinutes, CancellationToken cancellationToken);
}
