namespace Streams.Collectors.Agent.Parsing;

/// <summary>One line of /proc/diskstats (Documentation/admin-guide/iostats.rst); times in milliseconds, sectors of 512 bytes.</summary>
internal readonly record struct DiskStat(
    string Device, double Reads, double SectorsRead, double ReadMs, double Writes, double SectorsWritten, double WriteMs,
    double InFlight, double IoMs, double WeightedIoMs);
