namespace Streams.Collectors.Agent.Parsing;

/// <summary>One interface of /proc/net/dev.</summary>
internal readonly record struct NetDevStat(
    string Interface, double RxBytes, double RxPackets, double RxErrors, double RxDrops,
    double TxBytes, double TxPackets, double TxErrors, double TxDrops);
