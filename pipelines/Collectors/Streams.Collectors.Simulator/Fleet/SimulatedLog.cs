using io.streams.avro;

namespace Streams.Collectors.Simulator.Fleet;

/// <summary>One log line of a server, <paramref name="OffsetMs"/> after the start of its collection round.</summary>
public readonly record struct SimulatedLog(int Server, int OffsetMs, LogSeverity Severity, string App, string Message);
