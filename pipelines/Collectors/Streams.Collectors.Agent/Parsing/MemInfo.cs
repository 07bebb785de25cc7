namespace Streams.Collectors.Agent.Parsing;

/// <summary>What the agent takes from /proc/meminfo, in bytes.</summary>
internal readonly record struct MemInfo(double Total, double Free, double Available, double Buffers, double Cached, double Shmem, double SReclaimable, double SwapTotal, double SwapFree)
{
    /// <summary>Memory in use by processes and the kernel: what is not available (the figure <c>free</c> prints as used).</summary>
    public double Used => Total - Available;

    /// <summary>Used memory excluding buffers, page cache and reclaimable slab (SMD's mem_u_e).</summary>
    public double UsedExcludingCache => Math.Max(0, Total - Free - Buffers - Cached - SReclaimable);

    public double SwapUsed => SwapTotal - SwapFree;
}
