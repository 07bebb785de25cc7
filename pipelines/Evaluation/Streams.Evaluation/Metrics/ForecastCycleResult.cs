namespace Streams.Evaluation.Metrics;

/// <summary>One series' forecast at one cycle: made at <paramref name="At"/>, reaching its limit at <paramref name="ExhaustedAt"/> (null: not within its horizon).</summary>
internal readonly record struct ForecastCycleResult(string Host, string Series, DateTimeOffset At, DateTimeOffset? ExhaustedAt);
