using System.Globalization;
using Streams.Platform.Kafka.Status;

namespace Streams.Host.Status;

/// <summary>
/// What <c>streams status</c> says about overload, from the consumer lag it read and the host's
/// <c>/metrics</c>: which stages are behind (by records and seconds), whether the collectors are
/// holding back, and what was dead-lettered. A stage counts as behind once its oldest unprocessed
/// record is two 10-second collection intervals old, the fleet benchmark's bound for "in real time".
/// </summary>
internal static class OverloadReport
{
    public const double BehindSeconds = 20;

    /// <summary>Seconds behind per group and topic, from the lag monitor's gauge; empty where no monitor runs.</summary>
    public static Dictionary<(string Group, string Topic), double> SecondsBehind(string? metrics) =>
        metrics is null
            ? []
            : ExpositionLines.Read(metrics, "streams_consumer_lag_seconds")
                .Where(s => s.Labels.ContainsKey("group") && s.Labels.ContainsKey("topic"))
                .GroupBy(s => (s.Labels["group"], s.Labels["topic"]))
                .ToDictionary(g => g.Key, g => g.Max(s => s.Value));

    public static List<string> Lines(IReadOnlyList<GroupLag> lags, string? metrics)
    {
        ArgumentNullException.ThrowIfNull(lags);
        var lines = new List<string>();
        var seconds = SecondsBehind(metrics);
        foreach (var lag in lags)
        {
            if (lag.Lag > 0 && seconds.TryGetValue((lag.Group, lag.Topic), out var behind) && behind >= BehindSeconds)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"behind: {lag.Group} on {lag.Topic} by {lag.Lag:N0} records / {behind:N0} s"));
            }
        }

        if (metrics is null)
        {
            return lines;
        }

        if (ExpositionLines.Read(metrics, "streams_collector_backoff").Any(s => s.Value > 0))
        {
            var held = ExpositionLines.Read(metrics, "streams_collector_backoff_lag").Select(s => s.Value).DefaultIfEmpty(0).Max();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"holding back: the processor trails metrics.raw by {held:N0} records, over Collectors:Backoff:MaxLagRecords; collectors keep new records in their spools"));
        }

        var letters = ExpositionLines.Read(metrics, "streams_deadletter_records_total")
            .GroupBy(s => s.Labels.GetValueOrDefault("stage", "?"), StringComparer.Ordinal)
            .Select(g => (Stage: g.Key, Count: (long)g.Sum(s => s.Value)))
            .Where(s => s.Count > 0)
            .OrderByDescending(s => s.Count)
            .ToList();
        if (letters.Count > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"dead-lettered since this process started: {letters.Sum(l => l.Count):N0} ({string.Join(", ", letters.Select(l => $"{l.Stage} {l.Count:N0}"))}); streams deadletter counts has every reason"));
        }

        return lines;
    }
}
