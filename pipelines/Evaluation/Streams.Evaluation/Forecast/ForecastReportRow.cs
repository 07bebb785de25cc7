using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Forecast;

/// <summary>One kind (or <c>all</c>) at one horizon; <paramref name="Resource"/> is the forecast metric its predictions come from (null: every one).</summary>
internal sealed record ForecastReportRow(string Kind, string? Resource, TimeSpan Horizon, FailurePrediction Prediction, ForecastErrors? Errors);
