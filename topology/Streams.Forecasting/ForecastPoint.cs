namespace Streams.Forecasting;

/// <summary>One step ahead of the history: the expected value and its prediction interval.</summary>
internal readonly record struct ForecastPoint(DateTimeOffset At, double Expected, double Lower, double Upper);
