namespace Streams.Forecaster;

/// <summary>Options of the <c>forecaster</c> role, bound from <c>Forecaster</c>.</summary>
public sealed class ForecasterOptions
{
    public const string SectionName = "Forecaster";

    /// <summary>How often every series is forecast again. The history's step is an hour, so more often only repeats the same forecast.</summary>
    public TimeSpan Cadence { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far ahead each forecast goes (one point per hour).</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How much hourly history each forecast is fitted on. Four weeks: a weekly season shows
    /// twice in two, but the model is chosen on the last fifth and needs two whole seasons before it.
    /// </summary>
    public TimeSpan HistorySpan { get; set; } = TimeSpan.FromDays(28);

    /// <summary>Nominal coverage of the prediction band.</summary>
    public double Coverage { get; set; } = 0.95;

    /// <summary>
    /// The most series forecast in one cycle, which bounds a cycle's work; the next cycle resumes
    /// after the last host reached. The default fits 10,000 hosts with their default resources.
    /// </summary>
    public int MaxSeriesPerCycle { get; set; } = 100_000;

    /// <summary>The resources forecast; empty: the defaults (filesystems, inodes, memory, swap, CPU, disk service time).</summary>
    public IList<ForecastResourceOptions> Resources { get; } = [];

    /// <summary>
    /// Limits are in the normalised units of <c>series_1h</c> (from metrics.windows): percentages are
    /// ratios, so full is 1, and milliseconds are seconds.
    /// </summary>
    /// <remarks>
    /// <c>disk.svc</c> (the agent's busy time per completed I/O, per device) is how degrading hardware
    /// becomes a resource: unlike <c>disk.await</c> it leaves out queueing, so load does not move it,
    /// and a device retrying failing reads or writes is what does. Its limit, 30 ms, is a full-stroke
    /// seek plus a full rotation of a 7,200 rpm disk (about 20 + 8.3 ms), the slowest a healthy
    /// spinning disk is per operation, and 100 times an SSD's; above it on average the device is
    /// retrying, whatever its kind. <c>cpu.util</c> saturates; a filesystem, memory and swap fill as
    /// stocks, at the pace of what is written or leaked, up to the bound.
    /// </remarks>
    internal static IReadOnlyList<ForecastResourceOptions> DefaultResources { get; } =
    [
        new() { Metric = "fs.used.percent", Limit = 1 },
        new() { Metric = "fs.inodes.used.percent", Limit = 1 },
        new() { Metric = "mem.used.percent", Limit = 1 },
        new() { Metric = "swap.used", LimitMetric = "swap.total" },
        new() { Metric = "cpu.util", Limit = 1, Saturates = true },
        new() { Metric = "disk.svc", Limit = 0.03 },
    ];

    internal IReadOnlyList<ForecastResourceOptions> EffectiveResources => Resources.Count > 0 ? [.. Resources] : DefaultResources;

    internal void Validate()
    {
        if (Cadence < TimeSpan.FromMinutes(1))
        {
            throw new ArgumentException($"Forecaster:Cadence is {Cadence}; it must be at least 00:01:00.");
        }

        if (Horizon < TimeSpan.FromHours(1) || HistorySpan < TimeSpan.FromHours(2))
        {
            throw new ArgumentException("Forecaster:Horizon must be at least 01:00:00 and Forecaster:HistorySpan at least 02:00:00 (the step is an hour).");
        }

        if (Coverage is <= 0 or >= 1)
        {
            throw new ArgumentException($"Forecaster:Coverage is {Coverage}; it must be between 0 and 1, exclusive.");
        }

        if (MaxSeriesPerCycle < 1)
        {
            throw new ArgumentException("Forecaster:MaxSeriesPerCycle must be at least 1.");
        }

        foreach (var resource in EffectiveResources)
        {
            if (string.IsNullOrWhiteSpace(resource.Metric))
            {
                throw new ArgumentException("Every Forecaster:Resources entry needs a Metric.");
            }

            if (resource.Limit is { } limit && !double.IsFinite(limit))
            {
                throw new ArgumentException($"Forecaster:Resources {resource.Metric}: Limit must be a finite number.");
            }

            if (resource.Limit is not null && !string.IsNullOrEmpty(resource.LimitMetric))
            {
                throw new ArgumentException($"Forecaster:Resources {resource.Metric}: give Limit or LimitMetric, not both.");
            }

            if (resource.Saturates && resource.Limit is not (> 0 and <= 1))
            {
                throw new ArgumentException($"Forecaster:Resources {resource.Metric}: a resource that Saturates is a share, so its Limit must be in (0, 1].");
            }

            if (resource.ParsedDirection is null)
            {
                throw new ArgumentException($"Forecaster:Resources {resource.Metric}: Direction '{resource.Direction}' is neither Rising nor Falling.");
            }
        }
    }
}
