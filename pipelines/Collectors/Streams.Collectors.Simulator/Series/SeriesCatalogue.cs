using System.Collections.Frozen;
using io.streams.avro;

namespace Streams.Collectors.Simulator.Series;

/// <summary>
/// The series every simulated server reports, named as the host agent names them. The first
/// 38 are the Server Machine Dataset's columns in the dataset's order (column names from the
/// dataset author, NetManAIOps/OmniAnomaly issue #22), so a replayed SMD row lands on the same
/// series a live or simulated server produces.
/// </summary>
public static class SeriesCatalogue
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = FrozenDictionary<string, string>.Empty;
    private static readonly IReadOnlyDictionary<string, string> Disk = Tag("device", "sda");
    private static readonly IReadOnlyDictionary<string, string> Nic = Tag("interface", "eth1");
    private static readonly IReadOnlyDictionary<string, string> RootFs = Tag("mount", "/");

    /// <summary>Every series, in <c>SeriesId</c> order (SMD column order first).</summary>
    public static IReadOnlyList<SeriesDefinition> All { get; } =
    [
        new("cpu.util", "percent", MetricKind.GAUGE, NoTags, "cpu_r"),
        new("load.1", "", MetricKind.GAUGE, NoTags, "load_1"),
        new("load.5", "", MetricKind.GAUGE, NoTags, "load_5"),
        new("load.15", "", MetricKind.GAUGE, NoTags, "load_15"),
        new("mem.shmem", "bytes", MetricKind.GAUGE, NoTags, "mem_shmem"),
        new("mem.used", "bytes", MetricKind.GAUGE, NoTags, "mem_u"),
        new("mem.used.nocache", "bytes", MetricKind.GAUGE, NoTags, "mem_u_e"),
        new("mem.total", "bytes", MetricKind.GAUGE, NoTags, "total_mem"),
        new("disk.queue", "count", MetricKind.GAUGE, Disk, "disk_q"),
        new("disk.reads", "ops/s", MetricKind.RATE, Disk, "disk_r"),
        new("disk.read.bytes", "bytes/s", MetricKind.RATE, Disk, "disk_rb"),
        new("disk.svc", "milliseconds", MetricKind.GAUGE, Disk, "disk_svc"),
        new("disk.util", "percent", MetricKind.GAUGE, Disk, "disk_u"),
        new("disk.writes", "ops/s", MetricKind.RATE, Disk, "disk_w"),
        new("disk.await", "milliseconds", MetricKind.GAUGE, Disk, "disk_wa"),
        new("disk.write.bytes", "bytes/s", MetricKind.RATE, Disk, "disk_wb"),
        new("swap.in", "bytes/s", MetricKind.RATE, NoTags, "si"),
        new("swap.out", "bytes/s", MetricKind.RATE, NoTags, "so"),
        new("net.rx.bytes", "bytes/s", MetricKind.RATE, Nic, "eth1_fi"),
        new("net.tx.bytes", "bytes/s", MetricKind.RATE, Nic, "eth1_fo"),
        new("net.rx.packets", "packets/s", MetricKind.RATE, Nic, "eth1_pi"),
        new("net.tx.packets", "packets/s", MetricKind.RATE, Nic, "eth1_po"),
        new("tcp.time_wait", "count", MetricKind.GAUGE, NoTags, "tcp_tw"),
        new("tcp.inuse", "count", MetricKind.GAUGE, NoTags, "tcp_use"),
        new("tcp.active_opens", "count/s", MetricKind.RATE, NoTags, "active_opens"),
        new("tcp.established", "count", MetricKind.GAUGE, NoTags, "curr_estab"),
        new("tcp.in_errs", "count/s", MetricKind.RATE, NoTags, "in_errs"),
        new("tcp.in_segs", "count/s", MetricKind.RATE, NoTags, "in_segs"),
        new("tcp.listen_overflows", "count/s", MetricKind.RATE, NoTags, "listen_overflows"),
        new("tcp.out_rsts", "count/s", MetricKind.RATE, NoTags, "out_rsts"),
        new("tcp.out_segs", "count/s", MetricKind.RATE, NoTags, "out_segs"),
        new("tcp.passive_opens", "count/s", MetricKind.RATE, NoTags, "passive_opens"),
        new("tcp.retrans_segs", "count/s", MetricKind.RATE, NoTags, "retransegs"),
        new("tcp.timeouts", "count/s", MetricKind.RATE, NoTags, "tcp_timeouts"),
        new("udp.in_datagrams", "count/s", MetricKind.RATE, NoTags, "udp_in_dg"),
        new("udp.out_datagrams", "count/s", MetricKind.RATE, NoTags, "udp_out_dg"),
        new("udp.rcvbuf_errors", "count/s", MetricKind.RATE, NoTags, "udp_rcv_buf_errs"),
        new("udp.sndbuf_errors", "count/s", MetricKind.RATE, NoTags, "udp_snd_buf_errs"),
        new("fs.used.percent", "percent", MetricKind.GAUGE, RootFs, null),
        new("mem.used.percent", "percent", MetricKind.GAUGE, NoTags, null),
    ];

    /// <summary>The series of the 38 SMD columns, in the dataset's column order.</summary>
    public static IReadOnlyList<SeriesDefinition> Smd { get; } = [.. All.Where(s => s.SmdColumn is not null)];

    /// <summary>The series for a 1-based SMD column number (as in <c>interpretation_label</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a column number of SMD (1 to 38).</exception>
    public static SeriesDefinition SmdColumn(int oneBased)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(oneBased, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oneBased, Smd.Count);
        return Smd[oneBased - 1];
    }

    internal static SeriesDefinition Get(SeriesId id) => All[(int)id];

    private static FrozenDictionary<string, string> Tag(string key, string value) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [key] = value }.ToFrozenDictionary(StringComparer.Ordinal);
}
