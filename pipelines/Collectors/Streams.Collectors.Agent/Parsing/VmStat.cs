namespace Streams.Collectors.Agent.Parsing;

/// <summary>Counters from /proc/vmstat: pages swapped in and out, pages paged in and out, major faults.</summary>
internal readonly record struct VmStat(double SwapIn, double SwapOut, double PageIn, double PageOut, double MajorFaults);
