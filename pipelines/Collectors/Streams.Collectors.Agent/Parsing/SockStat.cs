namespace Streams.Collectors.Agent.Parsing;

/// <summary>Socket counts from /proc/net/sockstat (gauges).</summary>
internal readonly record struct SockStat(double TcpInUse, double TcpOrphan, double TcpTimeWait, double TcpAllocated, double UdpInUse);
