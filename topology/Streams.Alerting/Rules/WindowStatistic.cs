namespace Streams.Alerting.Rules;

/// <summary>Which statistic of a series' window a threshold rule reads (MetricWindow's SeriesStats).</summary>
public enum WindowStatistic
{
    Mean,
    Max,
    Min,
    P95,
    Last,
}
