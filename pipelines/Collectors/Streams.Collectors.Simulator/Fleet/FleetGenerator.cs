using io.streams.avro;
using Streams.Collectors.Simulator.Incidents;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Series;

namespace Streams.Collectors.Simulator.Fleet;

/// <summary>
/// Computes the samples and logs of a virtual fleet, round by round. Every server has its own
/// random stream and state, so the output depends only on the options, never on how servers
/// are chunked. Not thread-safe: one caller generates, in round order per server.
/// </summary>
public sealed class FleetGenerator
{
    private const long TraitsPurpose = 1;
    private const long NoisePurpose = 3;

    // Swap traffic is simulated in pages, as the kernel counts it, and published in bytes/s as the
    // agent does; x86-64 pages are 4 KiB.
    private const double PageBytes = 4_096;

    private static readonly (string Name, int UtcOffsetHours)[] Datacenters = [("eu-1", 1), ("us-east-1", -5), ("us-west-2", -8), ("ap-1", 8)];
    private static readonly ServerRole[] Roles = Enum.GetValues<ServerRole>();
    private static readonly int SeriesCount = SeriesCatalogue.All.Count;

    private readonly FleetOptions _options;
    private readonly VirtualServer[] _servers;
    private readonly byte[] _dc;
    private readonly double[] _scale;
    private readonly ServerState[] _state;
    private readonly PlannedIncident?[] _plan;
    private readonly IncidentLabel?[] _labels;
    private readonly RoleProfile[] _profiles;
    private readonly IDictionary<string, string>[][][] _tags;
    private readonly double[,] _season = new double[Roles.Length, Datacenters.Length];
    private readonly int _intervalMs;
    private int _seasonTick = -1;

    public FleetGenerator(FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _intervalMs = (int)options.Interval.TotalMilliseconds;
        _profiles = [.. Roles.Select(RoleProfile.For)];
        _tags = [.. Roles.Select(r => Datacenters.Select(d => SeriesCatalogue.All.Select(s => Tags(r, d.Name, s)).ToArray()).ToArray())];
        _servers = new VirtualServer[options.Servers];
        _dc = new byte[options.Servers];
        _scale = new double[options.Servers];
        _state = new ServerState[options.Servers];
        for (var i = 0; i < options.Servers; i++)
        {
            var traits = new FastRandom(FastRandom.Derive(options.Seed, i, TraitsPurpose));
            var roll = traits.NextDouble();
            var role = roll < 0.5 ? ServerRole.Web : roll < 0.65 ? ServerRole.Db : roll < 0.8 ? ServerRole.Cache : ServerRole.Batch;
            var dc = traits.Next(Datacenters.Length);
            var cores = 4 << traits.Next(4);
            var memory = (16L << traits.Next(4)) * (1L << 30);
            _servers[i] = new VirtualServer($"{role.ToString().ToLowerInvariant()}-{Datacenters[dc].Name}-{i:D6}", role, Datacenters[dc].Name, cores, memory);
            _dc[i] = (byte)dc;
            _scale[i] = traits.Uniform(0.7, 1.3);
            var profile = _profiles[(int)role];
            _state[i] = new ServerState
            {
                Random = new FastRandom(FastRandom.Derive(options.Seed, i, NoisePurpose)),
                FsUsed = profile.FsUsedPercent * traits.Uniform(0.8, 1.2),
                MemoryShare = profile.MemoryShare * traits.Uniform(0.9, 1.1),
            };
        }

        _plan = IncidentPlanner.Plan(options.Seed, options.Servers, options.Ticks, options.IncidentFraction, options.Kinds, options.IncidentsAfterTicks);
        _labels = [.. _plan.Select(p => p is { } planned ? ToLabel(planned) : null)];
        Labels = [.. _labels.OfType<IncidentLabel>()];
    }

    public FleetOptions Options => _options;

    /// <summary>Number of values per server per round: one per series of <see cref="SeriesCatalogue.All"/>.</summary>
    public static int ValuesPerServer => SeriesCount;

    public IReadOnlyList<VirtualServer> Servers => _servers;

    /// <summary>Every planned incident as a label, by server order.</summary>
    public IReadOnlyList<IncidentLabel> Labels { get; }

    /// <summary>Simulated time of round <paramref name="tick"/>.</summary>
    public DateTimeOffset TimeOf(int tick) => _options.Start + (_options.Interval * tick);

    /// <summary>The label of the incident that starts on <paramref name="server"/> at <paramref name="tick"/>, if any.</summary>
    public IncidentLabel? LabelStartingAt(int server, int tick) =>
        _plan[server] is { } p && p.StartTick == tick ? _labels[server] : null;

    /// <summary>Tags of a series of a server: its role and datacenter plus the series' own dimensions. Shared instances: do not modify.</summary>
    public IDictionary<string, string> TagsFor(int server, int series) => _tags[(int)_servers[server].Role][_dc[server]][series];

    /// <summary>
    /// Computes round <paramref name="tick"/> for servers <paramref name="firstServer"/> onward:
    /// <see cref="ValuesPerServer"/> values per server into <paramref name="values"/> (NaN for a
    /// server that has died, which reports nothing), and appends their log lines to <paramref name="logs"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A server's previous round was not generated yet.</exception>
    public void Generate(int tick, int firstServer, int count, Span<double> values, List<SimulatedLog> logs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tick);
        ArgumentOutOfRangeException.ThrowIfNegative(firstServer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstServer + count, _servers.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(values.Length, count * SeriesCount);
        ArgumentNullException.ThrowIfNull(logs);
        UpdateSeason(tick);
        for (var i = 0; i < count; i++)
        {
            var server = firstServer + i;
            ref var state = ref _state[server];
            if (state.NextTick != tick)
            {
                throw new InvalidOperationException($"Server {server} is at round {state.NextTick}, not {tick}: rounds must be generated in order.");
            }

            state.NextTick++;
            GenerateServer(ref state, server, tick, values.Slice(i * SeriesCount, SeriesCount), logs);
        }
    }

    private void GenerateServer(ref ServerState s, int server, int tick, Span<double> v, List<SimulatedLog> logs)
    {
        var info = _servers[server];
        var profile = _profiles[(int)info.Role];
        var incident = _plan[server];
        if (incident is { Kind: IncidentKind.HardwareDegradation or IncidentKind.HardwareFailure } failing && tick >= failing.EndTick)
        {
            s.Failed = true;
        }

        if (s.Failed)
        {
            v.Fill(double.NaN);
            return;
        }

        var k = incident?.Intensity(tick) ?? 0;
        var kind = k > 0 ? incident!.Value.Kind : (IncidentKind)(-1);
        double K(IncidentKind which) => kind == which ? k : 0;

        ref var r = ref s.Random;
        s.Noise = (0.9 * s.Noise) + (0.436 * r.NextGaussian());
        var activity = Math.Clamp(_season[(int)info.Role, _dc[server]] * _scale[server] * (1 + (0.12 * s.Noise)), 0.01, 1.2);
        activity *= 1 - (0.97 * K(IncidentKind.CrashedProcess));
        var saturation = K(IncidentKind.CpuSaturation);
        var flood = K(IncidentKind.NetworkFlood);
        var degradation = K(IncidentKind.HardwareDegradation) + K(IncidentKind.HardwareFailure);
        var growth = K(IncidentKind.CapacitySaturation);

        // CPU drives load; traffic, connections and disk follow the same activity, so they move together.
        var cpu = profile.CpuFloor + (profile.CpuRange * activity) + (1.5 * r.NextGaussian());
        cpu += ((97 - cpu) * saturation) + (20 * flood) + (10 * degradation);

        // Growing traffic eats the headroom: the daily swing flattens against 100 % as it does on a saturated host.
        cpu += (100 - cpu) * growth;
        cpu = Math.Clamp(cpu, 0, 100);
        var runQueue = (info.Cores * cpu / 100 * 1.05) + (info.Cores * 2 * saturation) + (info.Cores * 0.5 * degradation);
        var dt = _options.Interval.TotalSeconds;
        if (tick == 0)
        {
            s.Load1 = s.Load5 = s.Load15 = runQueue;
        }

        s.Load1 += (runQueue - s.Load1) * (1 - Math.Exp(-dt / 60));
        s.Load5 += (runQueue - s.Load5) * (1 - Math.Exp(-dt / 300));
        s.Load15 += (runQueue - s.Load15) * (1 - Math.Exp(-dt / 900));

        var memShare = (s.MemoryShare + (0.04 * activity) + (0.005 * r.NextGaussian()));
        memShare = Math.Min(0.99, memShare + ((0.97 - memShare) * K(IncidentKind.MemoryLeak)));
        memShare = Math.Min(1, memShare + ((1 - memShare) * K(IncidentKind.MemoryExhaustion)));
        var used = info.MemoryBytes * memShare;
        var pressure = Math.Max(0, memShare - 0.9) / 0.09;

        var readOps = Math.Max(0, profile.DiskReadOps * activity * (1 + (0.1 * r.NextGaussian())));
        var writeOps = Math.Max(0, profile.DiskWriteOps * activity * (1 + (0.1 * r.NextGaussian())) * (1 + (4 * K(IncidentKind.DiskFilling)) + (1.5 * K(IncidentKind.DiskExhaustion))));
        var svc = (1.5 + (0.3 * Math.Abs(r.NextGaussian()))) * (1 + (25 * degradation));
        var util = Math.Min(100, (readOps + writeOps) * svc / 10);
        var queue = (readOps + writeOps) * svc / 1000 * (1 + (util / 100));
        s.FsUsed = Math.Min(95, s.FsUsed + 0.0001);
        var fs = s.FsUsed + ((99.5 - s.FsUsed) * K(IncidentKind.DiskFilling)) + ((100 - s.FsUsed) * K(IncidentKind.DiskExhaustion));

        var rx = Math.Max(0, profile.RxBytesPerSecond * activity * (1 + (0.08 * r.NextGaussian())) * (1 + (30 * flood)) * (1 + growth));
        var tx = Math.Max(0, profile.RxBytesPerSecond * activity * profile.TxToRx * (1 + (0.05 * r.NextGaussian())) * (1 + growth));
        var rxPackets = (rx / 800) + (200_000 * flood);
        var txPackets = tx / 1200;
        var established = Math.Max(0, profile.Connections * activity * (1 + (0.05 * r.NextGaussian())) * (1 + growth));
        var timeWait = established * 0.6 * (1 + (0.1 * Math.Abs(r.NextGaussian())));
        var passiveOpens = established * 0.08 * (1 + (0.2 * Math.Abs(r.NextGaussian())));
        var outSegments = txPackets * 0.97;
        var udpIn = 50 * activity * (1 + (0.1 * Math.Abs(r.NextGaussian()))) * (1 + (200 * flood));

        v[(int)SeriesId.CpuUtil] = cpu;
        v[(int)SeriesId.Load1] = s.Load1;
        v[(int)SeriesId.Load5] = s.Load5;
        v[(int)SeriesId.Load15] = s.Load15;
        v[(int)SeriesId.MemShmem] = info.MemoryBytes * 0.01 * (1 + (0.01 * r.NextGaussian()));
        v[(int)SeriesId.MemUsed] = used;
        v[(int)SeriesId.MemUsedEffective] = used * (0.8 + (0.05 * activity));
        v[(int)SeriesId.MemTotal] = info.MemoryBytes;
        v[(int)SeriesId.DiskQueue] = queue;
        v[(int)SeriesId.DiskReadOps] = readOps;
        v[(int)SeriesId.DiskReadBytes] = readOps * 16_384;
        v[(int)SeriesId.DiskServiceTime] = svc;
        v[(int)SeriesId.DiskUtil] = util;
        v[(int)SeriesId.DiskWriteOps] = writeOps;
        v[(int)SeriesId.DiskAwait] = svc * (1 + queue);
        v[(int)SeriesId.DiskWriteBytes] = writeOps * 32_768;
        v[(int)SeriesId.SwapIn] = pressure * 2_000 * PageBytes * (1 + (0.2 * Math.Abs(r.NextGaussian())));
        v[(int)SeriesId.SwapOut] = pressure * 3_000 * PageBytes * (1 + (0.2 * Math.Abs(r.NextGaussian())));
        v[(int)SeriesId.NetRxBytes] = rx;
        v[(int)SeriesId.NetTxBytes] = tx;
        v[(int)SeriesId.NetRxPackets] = rxPackets;
        v[(int)SeriesId.NetTxPackets] = txPackets;
        v[(int)SeriesId.TcpTimeWait] = timeWait;
        v[(int)SeriesId.TcpInUse] = established + 20;
        v[(int)SeriesId.TcpActiveOpens] = established * 0.02 * (1 + (0.2 * Math.Abs(r.NextGaussian())));
        v[(int)SeriesId.TcpEstablished] = established;
        v[(int)SeriesId.TcpInErrors] = (30 * degradation) + (5 * flood);
        v[(int)SeriesId.TcpInSegments] = rxPackets * 0.97;
        v[(int)SeriesId.TcpListenOverflows] = 300 * flood;
        v[(int)SeriesId.TcpOutResets] = (passiveOpens * 0.02) + (50 * K(IncidentKind.CrashedProcess));
        v[(int)SeriesId.TcpOutSegments] = outSegments;
        v[(int)SeriesId.TcpPassiveOpens] = passiveOpens;
        v[(int)SeriesId.TcpRetransmits] = outSegments * 0.0005 * (1 + (0.5 * Math.Abs(r.NextGaussian()))) * (1 + (40 * degradation));
        v[(int)SeriesId.TcpTimeouts] = (established * 0.0002 * (1 + Math.Abs(r.NextGaussian()))) + (10 * degradation);
        v[(int)SeriesId.UdpInDatagrams] = udpIn;
        v[(int)SeriesId.UdpOutDatagrams] = 50 * activity * 0.95;
        v[(int)SeriesId.UdpReceiveBufferErrors] = 2_000 * flood;
        v[(int)SeriesId.UdpSendBufferErrors] = 0;
        v[(int)SeriesId.FsUsed] = fs;
        v[(int)SeriesId.MemUsedPercent] = 100 * memShare;

        LogTemplates.Routine(ref s, server, info, profile.App, _intervalMs, logs);
        if (k > 0)
        {
            LogTemplates.Incident(ref s, incident!.Value, tick, k, profile.App, _intervalMs, logs);
        }
    }

    private void UpdateSeason(int tick)
    {
        if (tick == _seasonTick)
        {
            return;
        }

        var utc = TimeOf(tick).UtcDateTime;
        for (var dc = 0; dc < Datacenters.Length; dc++)
        {
            var local = utc.AddHours(Datacenters[dc].UtcOffsetHours);
            foreach (var role in Roles)
            {
                _season[(int)role, dc] = RoleProfile.Season(role, local.TimeOfDay.TotalHours, local.DayOfWeek);
            }
        }

        _seasonTick = tick;
    }

    private IncidentLabel ToLabel(PlannedIncident incident)
    {
        var host = _servers[incident.Server].Host;
        return new IncidentLabel(
            $"sim-{_options.Seed}-{incident.Server:D6}",
            "simulator",
            host,
            incident.Kind.ToString(),
            TimeOf(incident.StartTick),
            TimeOf(incident.EndTick),
            [.. AffectedSeries(incident.Kind).Select(id => SeriesCatalogue.Get(id).Metric)],
            incident.Kind switch
            {
                IncidentKind.HardwareDegradation or IncidentKind.HardwareFailure => $"{incident.Kind} on {host}; the host stops reporting at the end of the interval.",
                IncidentKind.DiskExhaustion => $"{incident.Kind} on {host}; / is full at the end of the interval and stays full.",
                IncidentKind.MemoryExhaustion => $"{incident.Kind} on {host}; memory is exhausted and the OOM killer ends the process at the end of the interval.",
                IncidentKind.CapacitySaturation => $"{incident.Kind} on {host}; traffic has grown until CPU is saturated at the end of the interval.",
                _ => $"{incident.Kind} on {host}.",
            },
            IncidentKinds.EndsInFailure(incident.Kind) ? TimeOf(incident.EndTick) : null);
    }

    private static SeriesId[] AffectedSeries(IncidentKind kind) => kind switch
    {
        IncidentKind.CpuSaturation => [SeriesId.CpuUtil, SeriesId.Load1, SeriesId.Load5, SeriesId.Load15],
        IncidentKind.MemoryLeak => [SeriesId.MemUsed, SeriesId.MemUsedEffective, SeriesId.SwapIn, SeriesId.SwapOut],
        IncidentKind.DiskFilling => [SeriesId.FsUsed, SeriesId.DiskWriteOps, SeriesId.DiskWriteBytes, SeriesId.DiskUtil],
        IncidentKind.NetworkFlood => [SeriesId.NetRxBytes, SeriesId.NetRxPackets, SeriesId.TcpInSegments, SeriesId.TcpListenOverflows, SeriesId.UdpInDatagrams, SeriesId.UdpReceiveBufferErrors, SeriesId.CpuUtil],
        IncidentKind.CrashedProcess => [SeriesId.CpuUtil, SeriesId.NetRxBytes, SeriesId.NetTxBytes, SeriesId.TcpEstablished, SeriesId.TcpOutResets],
        IncidentKind.HardwareDegradation or IncidentKind.HardwareFailure => [SeriesId.DiskServiceTime, SeriesId.DiskAwait, SeriesId.TcpRetransmits, SeriesId.TcpInErrors, SeriesId.TcpTimeouts],
        IncidentKind.DiskExhaustion => [SeriesId.FsUsed, SeriesId.DiskWriteOps, SeriesId.DiskWriteBytes],
        IncidentKind.MemoryExhaustion => [SeriesId.MemUsedPercent, SeriesId.MemUsed, SeriesId.MemUsedEffective, SeriesId.SwapIn, SeriesId.SwapOut],
        IncidentKind.CapacitySaturation => [SeriesId.CpuUtil, SeriesId.Load1, SeriesId.Load5, SeriesId.Load15, SeriesId.NetRxBytes, SeriesId.NetTxBytes, SeriesId.TcpEstablished],
        _ => [],
    };

    private static Dictionary<string, string> Tags(ServerRole role, string dc, SeriesDefinition series)
    {
        var tags = new Dictionary<string, string>(series.Tags, StringComparer.Ordinal)
        {
            ["role"] = role.ToString().ToLowerInvariant(),
            ["dc"] = dc,
        };
        return tags;
    }
}
