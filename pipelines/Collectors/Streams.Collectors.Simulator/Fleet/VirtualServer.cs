namespace Streams.Collectors.Simulator.Fleet;

/// <summary>The fixed traits of one simulated server.</summary>
/// <param name="Host">Host name, also the Kafka key of its samples.</param>
/// <param name="Role">What it runs.</param>
/// <param name="Datacenter">Where it runs; sets its local time zone, hence its daily peak.</param>
/// <param name="Cores">CPU cores; load averages scale with them.</param>
/// <param name="MemoryBytes">Installed memory.</param>
public sealed record VirtualServer(string Host, ServerRole Role, string Datacenter, int Cores, double MemoryBytes);
