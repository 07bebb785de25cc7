using io.streams.avro;
using Streams.Forecaster.Cycle;

namespace Streams.Forecaster.Tests.Cycle;

public sealed class ForecastCycleTests
{
    private static readonly DateTimeOffset Now = Histories.Start.AddDays(10);

    [Fact]
    public void ForecastHost_TwoMounts_EachForecastWithItsTagsAndOnlyTheFillingOneExhausts()
    {
        // Percentages are ratios: "/" gains 0.25 %/h; at t = 239 it is 69.75 %, so full comes 121 h after the last point.
        var host = new[]
        {
            Histories.Of("db-3", "fs.used.percent{mount=/}", 240, t => (10 + (0.25 * t)) / 100, noise: 0.002),
            Histories.Of("db-3", "fs.used.percent{mount=/var}", 240, _ => 0.4, noise: 0.002),
            Histories.Of("db-3", "disk.util{device=sda}", 240, _ => 0.5),
        };

        var records = new ForecastCycle(new ForecasterOptions()).ForecastHost(host, Now).ToList();

        Assert.Equal(["fs.used.percent{mount=/}", "fs.used.percent{mount=/var}"], records.Select(r => r.series));
        var root = records[0];
        Assert.Equal("/", root.tags["mount"]);
        Assert.Equal(1, root.limit);
        Assert.Equal(ExhaustionDirection.RISING, root.direction);
        Assert.Equal(168, root.points.Count);
        Assert.Equal(Histories.Start.AddHours(239).UtcDateTime, root.origin);
        Assert.InRange((root.exhaustionExpected!.Value - root.origin).TotalHours, 121 * 0.95, 121 * 1.05);
        Assert.True(root.exhaustionEarliest <= root.exhaustionExpected);
        Assert.Null(records[1].exhaustionExpected);
        Assert.Null(records[1].exhaustionEarliest);
    }

    [Fact]
    public void ForecastHost_SwapUsed_LimitIsTheHostsLastSwapTotal()
    {
        var host = new[]
        {
            Histories.Of("db-3", "swap.used", 48, t => 1e9 + (1e7 * t)),
            Histories.Of("db-3", "swap.total", 48, _ => 4e9),
        };

        var swap = Assert.Single(new ForecastCycle(new ForecasterOptions()).ForecastHost(host, Now));

        Assert.Equal("swap.used", swap.series);
        Assert.InRange(swap.limit!.Value, 4e9 - 1, 4e9 + 1);
    }

    [Fact]
    public void ForecastHost_LimitMetricMissing_ForecastWithoutLimitOrExhaustion()
    {
        var swap = Assert.Single(new ForecastCycle(new ForecasterOptions()).ForecastHost([Histories.Of("db-3", "swap.used", 48, t => t)], Now));

        Assert.Null(swap.limit);
        Assert.Null(swap.exhaustionExpected);
    }

    [Fact]
    public void ForecastHost_FallingResourceConfigured_ExhaustsAtZero()
    {
        var options = new ForecasterOptions();
        options.Resources.Add(new ForecastResourceOptions { Metric = "fs.available", Limit = 0, Direction = "falling" });

        var free = Assert.Single(new ForecastCycle(options).ForecastHost([Histories.Of("db-3", "fs.available{mount=/}", 100, t => 150 - t)], Now));

        Assert.Equal(ExhaustionDirection.FALLING, free.direction);
        Assert.InRange((free.exhaustionExpected!.Value - free.origin).TotalHours, 49, 53);
    }

    [Fact]
    public void ForecastHost_DailyCycle_HoltWintersWithTheDay()
    {
        var cpu = Assert.Single(new ForecastCycle(new ForecasterOptions()).ForecastHost(
            [Histories.Of("web-1", "cpu.util", 24 * 10, t => 0.4 + (0.25 * Math.Sin(2 * Math.PI * t / 24)), noise: 0.002)], Now));

        Assert.Equal(ForecastModel.HOLT_WINTERS, cpu.model);
        Assert.Equal(24, cpu.seasonSteps);
        Assert.Equal(3_600_000, cpu.stepMs);
        Assert.All(cpu.points, p => Assert.True(p.lower <= p.expected && p.expected <= p.upper));
    }

    [Fact]
    public void ForecastHost_BusyCpuPeakingNear98Percent_SwingFlattensAgainstFullAndNeverReachesIt()
    {
        // A daily swing of ±1.5 in log-odds on a slow rise: 66 % to 98 % at the last day, 50 % to 96 % at
        // the first, so in share units the swing shrinks as it nears the bound, and the week ahead stays below it.
        var cpu = Assert.Single(new ForecastCycle(new ForecasterOptions()).ForecastHost(
            [Histories.Of("web-1", "cpu.util", 24 * 14, t => Forecasting.Numerics.LogOdds.ToShare(1.5 + (0.002 * t) + (1.5 * Math.Sin(2 * Math.PI * t / 24))), noise: 0.002)], Now));

        Assert.Equal(24, cpu.seasonSteps);
        Assert.All(cpu.points, p => Assert.True(p.expected < 1, $"{p.at}: {p.expected}"));
        Assert.Null(cpu.exhaustionExpected);
    }

    [Fact]
    public void ForecastHost_DiskServiceTimeRising_ReachesTheFailingDeviceLimitOf30Ms()
    {
        // In seconds, as series_1h holds milliseconds: 2 ms growing 0.5 ms an hour is 25.5 ms at t = 47,
        // so 30 ms comes 9 h after the last point.
        var svc = Assert.Single(new ForecastCycle(new ForecasterOptions()).ForecastHost(
            [Histories.Of("db-3", "disk.svc{device=sda}", 48, t => 0.002 + (0.0005 * t), noise: 0.0001)], Now));

        Assert.Equal("sda", svc.tags["device"]);
        Assert.Equal(0.03, svc.limit);
        Assert.InRange((svc.exhaustionExpected!.Value - svc.origin).TotalHours, 9 * 0.9, 9 * 1.1);
    }

    [Fact]
    public void Metrics_DefaultResources_IncludeTheLimitMetrics()
    {
        Assert.Contains("swap.total", new ForecastCycle(new ForecasterOptions()).Metrics);
        Assert.Contains("fs.used.percent", new ForecastCycle(new ForecasterOptions()).Metrics);
    }
}
