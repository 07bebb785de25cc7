namespace Streams.Collectors.Simulator.Series;

/// <summary>
/// Position of each series in <see cref="SeriesCatalogue.All"/>. The first 38 follow the
/// column order of the Server Machine Dataset, so an SMD row maps onto them one to one.
/// </summary>
internal enum SeriesId
{
    CpuUtil,
    Load1,
    Load5,
    Load15,
    MemShmem,
    MemUsed,
    MemUsedEffective,
    MemTotal,
    DiskQueue,
    DiskReadOps,
    DiskReadBytes,
    DiskServiceTime,
    DiskUtil,
    DiskWriteOps,
    DiskAwait,
    DiskWriteBytes,
    SwapIn,
    SwapOut,
    NetRxBytes,
    NetTxBytes,
    NetRxPackets,
    NetTxPackets,
    TcpTimeWait,
    TcpInUse,
    TcpActiveOpens,
    TcpEstablished,
    TcpInErrors,
    TcpInSegments,
    TcpListenOverflows,
    TcpOutResets,
    TcpOutSegments,
    TcpPassiveOpens,
    TcpRetransmits,
    TcpTimeouts,
    UdpInDatagrams,
    UdpOutDatagrams,
    UdpReceiveBufferErrors,
    UdpSendBufferErrors,
    FsUsed,
    MemUsedPercent,
}
