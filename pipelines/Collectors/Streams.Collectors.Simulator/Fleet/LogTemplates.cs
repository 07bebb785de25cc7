using System.Globalization;
using io.streams.avro;
using Streams.Collectors.Simulator.Incidents;

namespace Streams.Collectors.Simulator.Fleet;

/// <summary>The lines a server logs: routine ones by role, and the ones each incident leaves behind.</summary>
internal static class LogTemplates
{
    // One routine line per server every ~100 rounds keeps logs.raw well under metrics.raw.
    private const double RoutineProbability = 0.01;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Routine(ref ServerState state, int server, VirtualServer info, string app, int intervalMs, List<SimulatedLog> logs)
    {
        if (state.Random.NextDouble() >= RoutineProbability)
        {
            return;
        }

        var n = state.Random.Next(1000);
        var message = info.Role switch
        {
            ServerRole.Web => string.Create(Invariant, $"GET /api/items/{n} 200 {5 + (n % 40)}ms"),
            ServerRole.Db => string.Create(Invariant, $"checkpoint complete: wrote {n} buffers ({n / 10.0:F1}%)"),
            ServerRole.Cache => string.Create(Invariant, $"DB saved on disk; {n} keys evicted"),
            _ => string.Create(Invariant, $"job {n} finished in {10 + (n % 300)}s"),
        };
        logs.Add(new SimulatedLog(server, state.Random.Next(intervalMs), LogSeverity.INFO, app, message));
    }

    public static void Incident(ref ServerState state, PlannedIncident incident, int tick, double k, string app, int intervalMs, List<SimulatedLog> logs)
    {
        var server = incident.Server;
        var first = tick == incident.StartTick;
        var last = tick == incident.EndTick - 1;
        switch (incident.Kind)
        {
            case IncidentKind.CpuSaturation when state.Random.NextDouble() < 0.3:
                Add(ref state, logs, server, intervalMs, LogSeverity.WARNING, app, string.Create(Invariant, $"request timed out after {3000 + state.Random.Next(2000)} ms"));
                break;
            case IncidentKind.MemoryLeak when last:
                Add(ref state, logs, server, intervalMs, LogSeverity.ERROR, "kernel", string.Create(Invariant, $"Out of memory: Killed process {1000 + state.Random.Next(30000)} ({app})"));
                break;
            case IncidentKind.MemoryLeak when k > 0.8 && state.Random.NextDouble() < 0.5:
                Add(ref state, logs, server, intervalMs, LogSeverity.WARNING, "kernel", $"{app} invoked oom-killer: gfp_mask=0x100cca, order=0");
                break;
            case IncidentKind.DiskFilling when k > 0.9:
                Add(ref state, logs, server, intervalMs, LogSeverity.ERROR, app, "could not write to file: No space left on device");
                break;
            case IncidentKind.NetworkFlood:
                Add(ref state, logs, server, intervalMs, LogSeverity.WARNING, "kernel", "TCP: request_sock_TCP: Possible SYN flooding on port 443. Sending cookies.");
                break;
            case IncidentKind.CrashedProcess when first:
                Add(ref state, logs, server, intervalMs, LogSeverity.CRITICAL, "systemd", $"{app}.service: Main process exited, code=killed, status=11/SEGV");
                break;
            case IncidentKind.CrashedProcess when state.Random.NextDouble() < 0.3:
                Add(ref state, logs, server, intervalMs, LogSeverity.ERROR, "systemd", $"{app}.service: Start request repeated too quickly.");
                break;
            case IncidentKind.HardwareDegradation when last:
                Add(ref state, logs, server, intervalMs, LogSeverity.CRITICAL, "kernel", "Hardware Error: Machine check events logged");
                break;
            case IncidentKind.HardwareDegradation when state.Random.NextDouble() < k:
                Add(ref state, logs, server, intervalMs, LogSeverity.WARNING, "kernel", state.Random.Next(2) == 0
                    ? "ata1.00: failed command: READ FPDMA QUEUED"
                    : "EDAC MC0: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0");
                break;
            case IncidentKind.DiskExhaustion when k >= 1 && state.Random.NextDouble() < 0.5:
                Add(ref state, logs, server, intervalMs, LogSeverity.ERROR, app, "could not write to file: No space left on device");
                break;
            case IncidentKind.MemoryExhaustion when last:
                Add(ref state, logs, server, intervalMs, LogSeverity.ERROR, "kernel", string.Create(Invariant, $"Out of memory: Killed process {1000 + state.Random.Next(30000)} ({app})"));
                break;
            case IncidentKind.HardwareFailure when last:
                Add(ref state, logs, server, intervalMs, LogSeverity.CRITICAL, "kernel", "Hardware Error: Machine check events logged");
                break;
            case IncidentKind.HardwareFailure when state.Random.NextDouble() < k * 0.2:
                Add(ref state, logs, server, intervalMs, LogSeverity.WARNING, "kernel", "ata1.00: failed command: READ FPDMA QUEUED");
                break;
            case IncidentKind.CapacitySaturation when k > 0.9 && state.Random.NextDouble() < 0.3:
                Add(ref state, logs, server, intervalMs, LogSeverity.WARNING, app, string.Create(Invariant, $"request timed out after {3000 + state.Random.Next(2000)} ms"));
                break;
            case IncidentKind.LogErrorBurst:
                var burst = 5 + state.Random.Next(16);
                for (var i = 0; i < burst; i++)
                {
                    Add(ref state, logs, server, intervalMs, LogSeverity.ERROR, app, string.Create(Invariant, $"upstream connect error or disconnect/reset before headers, retry {i}"));
                }

                break;
            default:
                break;
        }
    }

    private static void Add(ref ServerState state, List<SimulatedLog> logs, int server, int intervalMs, LogSeverity severity, string app, string message) =>
        logs.Add(new SimulatedLog(server, state.Random.Next(intervalMs), severity, app, message));
}
