namespace Streams.Collectors.Nagios.Checks;

/// <summary>
/// What <c>streams check</c> asks: the host, the anomaly counts within the last
/// <see cref="WindowMinutes"/> that make it WARNING and CRITICAL, optional score thresholds,
/// and how long ClickHouse may take before the answer is UNKNOWN.
/// </summary>
public sealed record HostCheckRequest(
    string Host,
    int WarningAnomalies = 1,
    int CriticalAnomalies = 5,
    double? WarningScore = null,
    double? CriticalScore = null,
    int WindowMinutes = 15,
    int TimeoutSeconds = 10)
{
    internal string? Invalid() =>
        string.IsNullOrWhiteSpace(Host) ? "a host name is required"
        : WarningAnomalies < 0 || CriticalAnomalies < WarningAnomalies ? "thresholds must satisfy 0 <= warning <= critical"
        : WarningScore > CriticalScore ? "the warning score must not exceed the critical score"
        : WindowMinutes < 1 || TimeoutSeconds < 1 ? "the window and the timeout must be at least 1"
        : null;
}
