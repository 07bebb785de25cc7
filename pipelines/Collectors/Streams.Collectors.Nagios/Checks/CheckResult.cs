namespace Streams.Collectors.Nagios.Checks;

/// <summary>
/// A passive check result: host, service (null for a host check), state (0 OK, 1 WARNING,
/// 2 CRITICAL, 3 UNKNOWN; for host checks 0 UP, 1 DOWN, 2 UNREACHABLE), the plugin's output, and when.
/// </summary>
internal sealed record CheckResult(string Host, string? Service, int State, string Output, DateTime Timestamp)
{
    public static string StateName(int state, bool hostCheck) => (hostCheck, state) switch
    {
        (false, 0) => "OK",
        (false, 1) => "WARNING",
        (false, 2) => "CRITICAL",
        (true, 0) => "UP",
        (true, 1) => "DOWN",
        (true, 2) => "UNREACHABLE",
        _ => "UNKNOWN",
    };
}
