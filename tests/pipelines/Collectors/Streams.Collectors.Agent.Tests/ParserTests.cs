using Streams.Collectors.Agent.Parsing;

namespace Streams.Collectors.Agent.Tests;

public sealed class ParserTests
{
    private static string Read(string fixture, string file) => File.ReadAllText(Path.Combine(FixtureRoot.FixturePath(fixture), file));

    [Fact]
    public void ProcStatParser_CapturedFile_ReadsAggregateCpuCountAndBootTime()
    {
        var stat = ProcStatParser.Parse(Read("debian12", "proc/stat"));
        Assert.Equal(2, stat.OnlineCpus);
        Assert.Equal(1795599226, stat.BootTime);
        Assert.True(stat.Cpu.User > 0 && stat.Cpu.Idle > 0);
        Assert.True(stat.ContextSwitches > 0);
    }

    [Fact]
    public void ProcStatParser_CpuHotPlugged_CountsTheNewCpu()
    {
        Assert.Equal(3, ProcStatParser.Parse(Read("hotplug", "proc/stat")).OnlineCpus);
    }

    [Fact]
    public void ProcStatParser_OldKernelWithFewerColumns_LeavesMissingModesAtZero()
    {
        var stat = ProcStatParser.Parse("cpu  10 20 30 40\ncpu0 10 20 30 40\n");
        Assert.Equal(new CpuTimes(10, 20, 30, 40, 0, 0, 0, 0), stat.Cpu);
    }

    [Fact]
    public void LoadAvgParser_Line_ReadsThreeAverages()
    {
        Assert.Equal(new LoadAverage(10.78, 4.80, 3.96), LoadAvgParser.Parse("10.78 4.80 3.96 22/469 5368\n"));
    }

    [Fact]
    public void MemInfoParser_CapturedFile_ConvertsKilobytesToBytes()
    {
        var memory = MemInfoParser.Parse(Read("debian12", "proc/meminfo"));
        Assert.Equal(24684096d * 1024, memory.Total);
        Assert.True(memory.Available > 0 && memory.Available <= memory.Total);
        Assert.True(memory.Shmem > 0);
        Assert.Equal(0, memory.SwapUsed);
    }

    [Fact]
    public void MemInfoParser_KernelWithoutMemAvailable_EstimatesIt()
    {
        var memory = MemInfoParser.Parse("MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n");
        Assert.Equal(400 * 1024, memory.Available);
    }

    [Fact]
    public void DiskStatsParser_CapturedFile_SkipsLoopAndZramDevices()
    {
        var disks = new List<DiskStat>();
        DiskStatsParser.Parse(Read("debian12", "proc/diskstats"), new NameCache(), disks);
        var vda = Assert.Single(disks);
        Assert.Equal("vda", vda.Device);
        Assert.True(vda.Reads > 0 && vda.IoMs > 0);
    }

    [Fact]
    public void NetDevParser_CapturedFile_ReadsEveryInterface()
    {
        var interfaces = new List<NetDevStat>();
        NetDevParser.Parse(Read("debian12", "proc/net/dev"), new NameCache(), interfaces);
        Assert.Equal(["lo", "ifb0", "ifb1", "eth0"], interfaces.Select(i => i.Interface));
        Assert.True(interfaces[3].RxBytes > 0 && interfaces[3].TxPackets > 0);
    }

    [Fact]
    public void SnmpTableParser_TcpSection_FindsColumnsByNameAndMarksMissingOnes()
    {
        var values = new double[3];
        SnmpTableParser.Read(Read("debian12", "proc/net/snmp"), "Tcp", ["ActiveOpens", "RetransSegs", "NoSuchColumn"], values);
        Assert.Equal(5468, values[0]);
        Assert.Equal(86, values[1]);
        Assert.True(double.IsNaN(values[2]));
    }

    [Fact]
    public void SnmpTableParser_NetstatTcpExt_ReadsListenOverflows()
    {
        var values = new double[2];
        SnmpTableParser.Read(Read("debian12", "proc/net/netstat"), "TcpExt", ["ListenOverflows", "TCPTimeouts"], values);
        Assert.Equal(0, values[0]);
        Assert.True(values[1] >= 0);
    }

    [Fact]
    public void SockStatParser_CapturedFile_ReadsTimeWaitAndInUse()
    {
        var sockets = SockStatParser.Parse(Read("debian12", "proc/net/sockstat"));
        Assert.Equal(76, sockets.TcpTimeWait);
        Assert.Equal(5, sockets.TcpInUse);
        Assert.Equal(0, sockets.UdpInUse);
    }

    [Fact]
    public void MountsParser_CapturedFile_KeepsRealFilesystemsOnceAndDecodesEscapes()
    {
        var mounts = new List<Mount>();
        MountsParser.Parse(Read("debian12", "proc/mounts"), new NameCache(), mounts);
        Assert.Equal(["/", "/run", "/srv/data disk"], mounts.Select(m => m.MountPoint));
        Assert.Equal("ext4", mounts[0].FileSystem);
    }
}
