using System.Collections.Concurrent;
using io.streams.avro;

namespace Streams.Collectors.Nagios.Checks;

/// <summary>
/// Remembers each (host, service)'s last state and makes an event of a change: a
/// <see cref="LogRecord"/> for <c>logs.raw</c>, severity from the new state. The first result of a
/// check since start is an event only when it is not OK/UP, so a restart does not flood
/// <c>logs.raw</c> with "now OK" lines, yet a check already failing is reported.
/// </summary>
internal sealed class CheckStateTracker
{
    private readonly ConcurrentDictionary<(string Host, string Service), int> _states = new();

    public LogRecord? Observe(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var service = result.Service ?? CheckResultMapper.HostCheckService;
        int? previous = null;
        _states.AddOrUpdate((result.Host, service), result.State, (_, old) =>
        {
            previous = old;
            return result.State;
        });
        if (previous == result.State || (previous is null && result.State == 0))
        {
            return null;
        }

        var hostCheck = result.Service is null;
        var state = CheckResult.StateName(result.State, hostCheck);
        var was = previous is { } old ? CheckResult.StateName(old, hostCheck) : "none";
        var output = PluginOutput.Parse(result.Output);
        return new LogRecord
        {
            host = result.Host,
            app = "nagios",
            severity = Severity(result.State, hostCheck),
            timestamp = result.Timestamp,
            receivedAt = DateTime.UtcNow,
            message = $"{(hostCheck ? "HOST" : "SERVICE")} {service} {was} -> {state}: {output.Text}",
            structuredData = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["service"] = service,
                ["state"] = state,
                ["previous_state"] = was,
                ["state_code"] = result.State.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            source = LogSource.UNKNOWN,
            origin = "nrdp",
        };
    }

    private static LogSeverity Severity(int state, bool hostCheck) => (hostCheck, state) switch
    {
        (_, 0) => LogSeverity.INFO,
        (false, 1) => LogSeverity.WARNING,
        (false, 2) or (true, 1) or (true, 2) => LogSeverity.CRITICAL,
        _ => LogSeverity.NOTICE,
    };
}
