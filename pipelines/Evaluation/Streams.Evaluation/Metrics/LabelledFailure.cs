namespace Streams.Evaluation.Metrics;

/// <summary>A failure from the ground truth: <paramref name="Host"/> failed at <paramref name="At"/>.</summary>
internal readonly record struct LabelledFailure(string Host, string Kind, DateTimeOffset At);
