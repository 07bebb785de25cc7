namespace Streams.Evaluation.Metrics;

/// <summary>One alert episode of a forecast rule on one series: firing from <paramref name="Start"/> until <paramref name="End"/> (null: still firing when the run ended).</summary>
internal readonly record struct PredictionEpisode(string Host, string Series, DateTimeOffset Start, DateTimeOffset? End);
