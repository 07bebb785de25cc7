using System.Globalization;

namespace Streams.Collectors.Agent.Benchmarks;

/// <summary>
/// CPU time and memory of a process, from /proc/&lt;pid&gt;/stat and smaps_rollup. RSS counts every
/// mapped page; PSS splits shared pages (the .NET shared framework, libc) between the processes
/// that map them, which is the fairer figure for a runtime shared with other .NET processes.
/// </summary>
internal sealed class ProcessMeter(int pid)
{
    // USER_HZ is 100 on every Linux architecture the project targets (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    private readonly List<double> _rssMiB = [];
    private readonly List<double> _pssMiB = [];
    private double _startCpuSeconds;
    private DateTime _startWall;

    public void Start()
    {
        _startCpuSeconds = CpuSeconds();
        _startWall = DateTime.UtcNow;
        _rssMiB.Clear();
        _pssMiB.Clear();
    }

    public void SampleMemory()
    {
        _rssMiB.Add(RollupMiB("Rss:"));
        _pssMiB.Add(RollupMiB("Pss:"));
    }

    public double CpuPercentOfOneCore => (CpuSeconds() - _startCpuSeconds) / (DateTime.UtcNow - _startWall).TotalSeconds * 100;

    public double MeanRssMiB => _rssMiB.Average();

    public double MaxRssMiB => _rssMiB.Max();

    public double MeanPssMiB => _pssMiB.Average();

    private double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private double RollupMiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        throw new InvalidDataException($"/proc/{pid}/smaps_rollup has no {field} line.");
    }
}
