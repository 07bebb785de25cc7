namespace Streams.Collectors.Simulator.Incidents;

/// <summary>The failures the simulator injects; each leaves its own signature in the series and logs.</summary>
public enum IncidentKind
{
    /// <summary>CPU pinned near 100 %, load climbing with it.</summary>
    CpuSaturation,

    /// <summary>Used memory grows steadily until the host swaps.</summary>
    MemoryLeak,

    /// <summary>The root filesystem fills up under heavy writes.</summary>
    DiskFilling,

    /// <summary>Inbound packets and datagrams explode; buffers overflow.</summary>
    NetworkFlood,

    /// <summary>The main process dies: CPU, traffic and connections fall to almost nothing.</summary>
    CrashedProcess,

    /// <summary>Disk latency, retransmits and kernel warnings grow slowly, then the host goes silent.</summary>
    HardwareDegradation,

    /// <summary>A burst of error logs with unchanged metrics.</summary>
    LogErrorBurst,

    /// <summary>Slow: the root filesystem fills to 100 % over hours to days and stays full (the failure).</summary>
    DiskExhaustion,

    /// <summary>Slow: a leak grows used memory to 100 %, where the OOM killer ends the process (the failure) and memory falls back.</summary>
    MemoryExhaustion,

    /// <summary>Slow: disk latency, TCP errors and retransmits rise over hours to days until the host goes down (the failure).</summary>
    HardwareFailure,

    /// <summary>Slow: growing traffic eats the CPU headroom until CPU is saturated at 100 % (the failure) and stays so.</summary>
    CapacitySaturation,
}
