namespace Streams.Collectors.Simulator.Fleet;

/// <summary>Baseline levels of a role at full activity; the generator scales them by season and noise.</summary>
internal sealed record RoleProfile(
    double CpuFloor,
    double CpuRange,
    double MemoryShare,
    double RxBytesPerSecond,
    double TxToRx,
    double Connections,
    double DiskReadOps,
    double DiskWriteOps,
    double FsUsedPercent,
    string App)
{
    public static RoleProfile For(ServerRole role) => role switch
    {
        ServerRole.Web => new(4, 55, 0.45, 6e6, 4.0, 800, 20, 40, 35, "nginx"),
        ServerRole.Db => new(6, 50, 0.70, 3e6, 1.2, 300, 400, 250, 60, "postgres"),
        ServerRole.Cache => new(3, 25, 0.75, 2e7, 1.5, 2_000, 5, 10, 25, "redis"),
        ServerRole.Batch => new(2, 60, 0.55, 1e6, 0.5, 40, 150, 300, 45, "batchd"),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown server role."),
    };

    /// <summary>
    /// Activity from 0 to 1 by local hour and day: interactive roles follow the working day
    /// (trough at 04:00, peak at 16:00, 30 % lower at weekends); batch runs its nightly jobs
    /// between 01:00 and 05:00 and its weekly ones on Sunday.
    /// </summary>
    public static double Season(ServerRole role, double localHour, DayOfWeek day)
    {
        var weekend = day is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (role == ServerRole.Batch)
        {
            var nightly = localHour is >= 1 and < 5 ? 1.0 : 0.15;
            return nightly * (day == DayOfWeek.Sunday ? 1.0 : 0.85);
        }

        var daily = 0.5 - (0.5 * Math.Cos(2 * Math.PI * (localHour - 4) / 24));
        var floor = role == ServerRole.Db ? 0.35 : 0.2;
        return (floor + ((1 - floor) * daily)) * (weekend ? 0.7 : 1.0);
    }
}
