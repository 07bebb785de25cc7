using Streams.Collectors.Agent.Native;
using Streams.Collectors.Agent.Parsing;

namespace Streams.Collectors.Agent.Sampling;

/// <summary>
/// One sampling pass over /proc and /sys: parses every family, turns counters into per-second
/// rates against the previous pass and emits the samples. The first pass (and the first after a
/// reboot, or for a device that just appeared) yields gauges only: a rate needs two reads.
/// Metric names, with the SMD column each covers, are listed in <see cref="MetricNames"/>.
/// </summary>
internal sealed class HostSampler(ProcFiles files, SampleEmitter emit)
{
    private static readonly string[] TcpColumns =
        ["ActiveOpens", "PassiveOpens", "AttemptFails", "EstabResets", "CurrEstab", "InSegs", "OutSegs", "RetransSegs", "InErrs", "OutRsts"];

    private static readonly string[] TcpRateNames =
        [MetricNames.TcpActiveOpens, MetricNames.TcpPassiveOpens, MetricNames.TcpAttemptFails, MetricNames.TcpEstabResets, "",
         MetricNames.TcpInSegs, MetricNames.TcpOutSegs, MetricNames.TcpRetransSegs, MetricNames.TcpInErrs, MetricNames.TcpOutRsts];

    private static readonly string[] TcpExtColumns = ["ListenOverflows", "ListenDrops", "TCPTimeouts"];

    private static readonly string[] TcpExtRateNames = [MetricNames.TcpListenOverflows, MetricNames.TcpListenDrops, MetricNames.TcpTimeouts];

    private static readonly string[] UdpColumns = ["InDatagrams", "NoPorts", "InErrors", "OutDatagrams", "RcvbufErrors", "SndbufErrors"];

    private static readonly string[] UdpRateNames =
        [MetricNames.UdpInDatagrams, MetricNames.UdpNoPorts, MetricNames.UdpInErrors, MetricNames.UdpOutDatagrams, MetricNames.UdpRcvbufErrors, MetricNames.UdpSndbufErrors];

    /// <summary>The kernel's page size: the agent runs on the host whose /proc it reads, even in a container.</summary>
    internal static readonly double PageBytes = Environment.SystemPageSize;

    private readonly string _statPath = files.PathOf("proc/stat");
    private readonly string _loadPath = files.PathOf("proc/loadavg");
    private readonly string _memPath = files.PathOf("proc/meminfo");
    private readonly string _vmPath = files.PathOf("proc/vmstat");
    private readonly string _diskPath = files.PathOf("proc/diskstats");
    private readonly string _mountsPath = files.PathOf("proc/mounts");
    private readonly string _netDevPath = files.PathOf("proc/net/dev");
    private readonly string _snmpPath = files.PathOf("proc/net/snmp");
    private readonly string _netstatPath = files.PathOf("proc/net/netstat");
    private readonly string _sockstatPath = files.PathOf("proc/net/sockstat");
    private readonly bool _hasSysBlock = Directory.Exists(files.PathOf("sys/block"));
    private readonly NameCache _names = new();
    private readonly List<DiskStat> _disks = [];
    private readonly List<NetDevStat> _interfaces = [];
    private readonly List<Mount> _mounts = [];
    private readonly Dictionary<string, DiskStat> _previousDisks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NetDevStat> _previousInterfaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _wholeDisks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _operStatePaths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _mountPaths = new(StringComparer.Ordinal);
    private readonly double[] _tcp = new double[TcpColumns.Length];
    private readonly double[] _previousTcp = new double[TcpColumns.Length];
    private readonly double[] _tcpExt = new double[TcpExtColumns.Length];
    private readonly double[] _previousTcpExt = new double[TcpExtColumns.Length];
    private readonly double[] _udp = new double[UdpColumns.Length];
    private readonly double[] _previousUdp = new double[UdpColumns.Length];
    private ProcStat? _previousStat;
    private VmStat? _previousVm;
    private DateTime _previousTime;
    private bool _hasPreviousNet;

    /// <summary>One pass, published as one batch; a pass that fails part-way still publishes what it measured.</summary>
    public void Sample(DateTime now)
    {
        emit.Begin(now);
        try
        {
            SamplePass(now);
        }
        finally
        {
            emit.End();
        }
    }

    private void SamplePass(DateTime now)
    {
        var seconds = (now - _previousTime).TotalSeconds;
        _previousTime = now;

        ProcStat? stat = files.TryRead(_statPath, out var text) ? ProcStatParser.Parse(text) : null;
        if (stat is { } current && _previousStat is { } before && current.BootTime != before.BootTime)
        {
            // Rebooted: every counter restarted from zero, so nothing from before compares.
            Forget();
        }

        var rates = seconds > 0;
        SampleCpu(stat, rates ? seconds : 0);
        SampleLoadAndMemory(rates ? seconds : 0);
        SampleDisks(rates ? seconds : 0);
        SampleFileSystems();
        SampleNetwork(rates ? seconds : 0);
        _previousStat = stat;
    }

    private void Forget()
    {
        _previousStat = null;
        _previousVm = null;
        _previousDisks.Clear();
        _previousInterfaces.Clear();
        _hasPreviousNet = false;
    }

    private void SampleCpu(ProcStat? stat, double seconds)
    {
        if (stat is not { } now)
        {
            return;
        }

        emit.Gauge(MetricNames.CpuCount, "count", now.OnlineCpus);
        emit.Gauge(MetricNames.ProcsRunning, "count", now.ProcsRunning);
        emit.Gauge(MetricNames.ProcsBlocked, "count", now.ProcsBlocked);
        if (seconds <= 0 || _previousStat is not { } before)
        {
            return;
        }

        Rate(MetricNames.ContextSwitches, "count/s", before.ContextSwitches, now.ContextSwitches, seconds);
        Rate(MetricNames.Forks, "count/s", before.Forks, now.Forks, seconds);
        var c = now.Cpu;
        var p = before.Cpu;
        var total = c.Total - p.Total;
        // A mode going back (CPU taken offline on an old kernel, counter reset) spoils the interval.
        if (total <= 0 || c.User < p.User || c.System < p.System || c.Idle < p.Idle || c.IoWait < p.IoWait)
        {
            return;
        }

        emit.Gauge(MetricNames.CpuUser, "percent", Percent(c.User - p.User, total));
        emit.Gauge(MetricNames.CpuNice, "percent", Percent(c.Nice - p.Nice, total));
        emit.Gauge(MetricNames.CpuSystem, "percent", Percent(c.System - p.System, total));
        emit.Gauge(MetricNames.CpuIdle, "percent", Percent(c.Idle - p.Idle, total));
        emit.Gauge(MetricNames.CpuIoWait, "percent", Percent(c.IoWait - p.IoWait, total));
        emit.Gauge(MetricNames.CpuIrq, "percent", Percent(c.Irq - p.Irq, total));
        emit.Gauge(MetricNames.CpuSoftIrq, "percent", Percent(c.SoftIrq - p.SoftIrq, total));
        emit.Gauge(MetricNames.CpuSteal, "percent", Percent(c.Steal - p.Steal, total));
        emit.Gauge(MetricNames.CpuUtil, "percent", Percent(total - (c.Idle - p.Idle) - (c.IoWait - p.IoWait), total));
    }

    private void SampleLoadAndMemory(double seconds)
    {
        if (files.TryRead(_loadPath, out var text))
        {
            var load = LoadAvgParser.Parse(text);
            emit.Gauge(MetricNames.Load1, "", load.One);
            emit.Gauge(MetricNames.Load5, "", load.Five);
            emit.Gauge(MetricNames.Load15, "", load.Fifteen);
        }

        if (files.TryRead(_memPath, out text))
        {
            var memory = MemInfoParser.Parse(text);
            emit.Gauge(MetricNames.MemTotal, "bytes", memory.Total);
            emit.Gauge(MetricNames.MemUsed, "bytes", memory.Used);
            emit.Gauge(MetricNames.MemUsedExcludingCache, "bytes", memory.UsedExcludingCache);
            emit.Gauge(MetricNames.MemAvailable, "bytes", memory.Available);
            emit.Gauge(MetricNames.MemFree, "bytes", memory.Free);
            emit.Gauge(MetricNames.MemCached, "bytes", memory.Cached);
            emit.Gauge(MetricNames.MemBuffers, "bytes", memory.Buffers);
            emit.Gauge(MetricNames.MemShmem, "bytes", memory.Shmem);
            emit.Gauge(MetricNames.SwapTotal, "bytes", memory.SwapTotal);
            emit.Gauge(MetricNames.SwapUsed, "bytes", memory.SwapUsed);
            if (memory.Total > 0)
            {
                emit.Gauge(MetricNames.MemUsedPercent, "percent", Percent(memory.Used, memory.Total));
            }
        }

        if (files.TryRead(_vmPath, out text))
        {
            var vm = VmStatParser.Parse(text);
            if (seconds > 0 && _previousVm is { } before)
            {
                // pswpin/pswpout count pages: bytes/s, the canonical throughput unit, also makes
                // hosts with 4 KiB and 64 KiB pages (arm64, ppc64le) comparable.
                Rate(MetricNames.SwapIn, "bytes/s", before.SwapIn * PageBytes, vm.SwapIn * PageBytes, seconds);
                Rate(MetricNames.SwapOut, "bytes/s", before.SwapOut * PageBytes, vm.SwapOut * PageBytes, seconds);
                Rate(MetricNames.PageIn, "bytes/s", before.PageIn * 1024, vm.PageIn * 1024, seconds);
                Rate(MetricNames.PageOut, "bytes/s", before.PageOut * 1024, vm.PageOut * 1024, seconds);
                Rate(MetricNames.MajorFaults, "count/s", before.MajorFaults, vm.MajorFaults, seconds);
            }

            _previousVm = vm;
        }
    }

    private void SampleDisks(double seconds)
    {
        if (!files.TryRead(_diskPath, out var text))
        {
            return;
        }

        DiskStatsParser.Parse(text, _names, _disks);
        foreach (var disk in _disks)
        {
            if (!IsWholeDisk(disk.Device))
            {
                continue;
            }

            emit.Gauge(MetricNames.DiskInFlight, "count", disk.InFlight, "device", disk.Device);
            if (seconds > 0 && _previousDisks.TryGetValue(disk.Device, out var before))
            {
                SampleDisk(before, disk, seconds);
            }

            _previousDisks[disk.Device] = disk;
        }
    }

    private void SampleDisk(DiskStat before, DiskStat now, double seconds)
    {
        var device = now.Device;
        Rate(MetricNames.DiskReads, "ops/s", before.Reads, now.Reads, seconds, "device", device);
        Rate(MetricNames.DiskWrites, "ops/s", before.Writes, now.Writes, seconds, "device", device);
        Rate(MetricNames.DiskReadBytes, "bytes/s", before.SectorsRead * 512, now.SectorsRead * 512, seconds, "device", device);
        Rate(MetricNames.DiskWriteBytes, "bytes/s", before.SectorsWritten * 512, now.SectorsWritten * 512, seconds, "device", device);
        var elapsedMs = seconds * 1000;
        if (CounterDelta.Compute(before.IoMs, now.IoMs) is { } busyMs)
        {
            emit.Gauge(MetricNames.DiskUtil, "percent", Percent(busyMs, elapsedMs), "device", device);
            var ops = CounterDelta.Compute(before.Reads + before.Writes, now.Reads + now.Writes);
            emit.Gauge(MetricNames.DiskServiceTime, "milliseconds", ops is > 0 ? busyMs / ops.Value : 0, "device", device);
            if (CounterDelta.Compute(before.ReadMs + before.WriteMs, now.ReadMs + now.WriteMs) is { } waitMs)
            {
                emit.Gauge(MetricNames.DiskAwait, "milliseconds", ops is > 0 ? waitMs / ops.Value : 0, "device", device);
            }
        }

        if (CounterDelta.Compute(before.WeightedIoMs, now.WeightedIoMs) is { } weightedMs)
        {
            emit.Gauge(MetricNames.DiskQueue, "count", weightedMs / elapsedMs, "device", device);
        }
    }

    private bool IsWholeDisk(string device)
    {
        if (!_hasSysBlock)
        {
            return true;
        }

        if (!_wholeDisks.TryGetValue(device, out var whole))
        {
            // Partitions are not under /sys/block; their I/O is already in their disk's line.
            whole = Directory.Exists(files.PathOf("sys/block/" + device));
            _wholeDisks[device] = whole;
        }

        return whole;
    }

    private void SampleFileSystems()
    {
        if (!files.TryRead(_mountsPath, out var text))
        {
            return;
        }

        MountsParser.Parse(text, _names, _mounts);
        foreach (var mount in _mounts)
        {
            if (!_mountPaths.TryGetValue(mount.MountPoint, out var path))
            {
                path = files.PathOf(mount.MountPoint);
                _mountPaths[mount.MountPoint] = path;
            }

            if (!FileSystemUsage.TryGet(path, out var size, out var free, out var available, out var inodes, out var freeInodes) || size <= 0)
            {
                continue;
            }

            var used = size - free;
            emit.Gauge(MetricNames.FsSize, "bytes", size, "mount", mount.MountPoint);
            emit.Gauge(MetricNames.FsUsed, "bytes", used, "mount", mount.MountPoint);
            emit.Gauge(MetricNames.FsAvailable, "bytes", available, "mount", mount.MountPoint);
            // As df computes it: the root-reserved blocks count neither as used nor as available.
            emit.Gauge(MetricNames.FsUsedPercent, "percent", used + available > 0 ? Percent(used, used + available) : 0, "mount", mount.MountPoint);
            if (inodes > 0)
            {
                emit.Gauge(MetricNames.FsInodesUsedPercent, "percent", Percent(inodes - freeInodes, inodes), "mount", mount.MountPoint);
            }
        }
    }

    private void SampleNetwork(double seconds)
    {
        if (files.TryRead(_netDevPath, out var text))
        {
            NetDevParser.Parse(text, _names, _interfaces);
            foreach (var nic in _interfaces)
            {
                if (nic.Interface == "lo")
                {
                    continue;
                }

                SampleOperState(nic.Interface);
                if (seconds > 0 && _previousInterfaces.TryGetValue(nic.Interface, out var before))
                {
                    var name = nic.Interface;
                    Rate(MetricNames.NetRxBytes, "bytes/s", before.RxBytes, nic.RxBytes, seconds, "interface", name);
                    Rate(MetricNames.NetTxBytes, "bytes/s", before.TxBytes, nic.TxBytes, seconds, "interface", name);
                    Rate(MetricNames.NetRxPackets, "packets/s", before.RxPackets, nic.RxPackets, seconds, "interface", name);
                    Rate(MetricNames.NetTxPackets, "packets/s", before.TxPackets, nic.TxPackets, seconds, "interface", name);
                    Rate(MetricNames.NetRxErrors, "count/s", before.RxErrors, nic.RxErrors, seconds, "interface", name);
                    Rate(MetricNames.NetTxErrors, "count/s", before.TxErrors, nic.TxErrors, seconds, "interface", name);
                    Rate(MetricNames.NetRxDrops, "count/s", before.RxDrops, nic.RxDrops, seconds, "interface", name);
                    Rate(MetricNames.NetTxDrops, "count/s", before.TxDrops, nic.TxDrops, seconds, "interface", name);
                }

                _previousInterfaces[nic.Interface] = nic;
            }
        }

        var hasSnmp = files.TryRead(_snmpPath, out text);
        if (hasSnmp)
        {
            SnmpTableParser.Read(text, "Tcp", TcpColumns, _tcp);
            SnmpTableParser.Read(text, "Udp", UdpColumns, _udp);
            emit.Gauge(MetricNames.TcpEstablished, "count", _tcp[Array.IndexOf(TcpColumns, "CurrEstab")]);
        }

        var hasNetstat = files.TryRead(_netstatPath, out text);
        if (hasNetstat)
        {
            SnmpTableParser.Read(text, "TcpExt", TcpExtColumns, _tcpExt);
        }

        if (files.TryRead(_sockstatPath, out text))
        {
            var sockets = SockStatParser.Parse(text);
            emit.Gauge(MetricNames.TcpTimeWait, "count", sockets.TcpTimeWait);
            emit.Gauge(MetricNames.TcpInUse, "count", sockets.TcpInUse);
            emit.Gauge(MetricNames.TcpOrphan, "count", sockets.TcpOrphan);
            emit.Gauge(MetricNames.UdpInUse, "count", sockets.UdpInUse);
        }

        if (seconds > 0 && _hasPreviousNet)
        {
            if (hasSnmp)
            {
                Rates(TcpRateNames, _previousTcp, _tcp, seconds);
                Rates(UdpRateNames, _previousUdp, _udp, seconds);
            }

            if (hasNetstat)
            {
                Rates(TcpExtRateNames, _previousTcpExt, _tcpExt, seconds);
            }
        }

        _tcp.CopyTo(_previousTcp, 0);
        _udp.CopyTo(_previousUdp, 0);
        _tcpExt.CopyTo(_previousTcpExt, 0);
        _hasPreviousNet = hasSnmp || hasNetstat;
    }

    private void SampleOperState(string name)
    {
        if (!_operStatePaths.TryGetValue(name, out var path))
        {
            path = files.PathOf("sys/class/net/" + name + "/operstate");
            _operStatePaths[name] = path;
        }

        if (!files.TryRead(path, out var state))
        {
            return;
        }

        // RFC 2863 states; "unknown" (loopback, many tunnels) says nothing about the link.
        state = state.Trim();
        if (state.SequenceEqual("up"))
        {
            emit.Gauge(MetricNames.NetUp, "", 1, "interface", name);
        }
        else if (!state.SequenceEqual("unknown"))
        {
            emit.Gauge(MetricNames.NetUp, "", 0, "interface", name);
        }
    }

    /// <summary>Multiplying before dividing keeps a full share at exactly 100; the clamp absorbs counters read a tick apart.</summary>
    private static double Percent(double part, double whole) => Math.Clamp(part * 100 / whole, 0, 100);

    private void Rates(string[] names, double[] before, double[] now, double seconds)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length > 0 && !double.IsNaN(before[i]) && !double.IsNaN(now[i]))
            {
                Rate(names[i], "count/s", before[i], now[i], seconds);
            }
        }
    }

    private void Rate(string metric, string unit, double before, double now, double seconds, string? tagKey = null, string? tagValue = null)
    {
        if (CounterDelta.Compute(before, now) is { } delta)
        {
            emit.Rate(metric, unit, delta / seconds, tagKey, tagValue);
        }
    }
}
