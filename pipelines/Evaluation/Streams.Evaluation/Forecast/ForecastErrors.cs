namespace Streams.Evaluation.Forecast;

/// <summary>
/// Forecast error over a kind's build-ups: the median MASE over forecasts (a ratio with a small
/// in-sample scale is unbounded, so the mean would be one forecast's) and the mean sMAPE (bounded),
/// for the forecaster's chosen model, the naive last value and the least-squares line.
/// </summary>
internal sealed record ForecastErrors(int Forecasts, double ModelMase, double NaiveMase, double LinearMase, double ModelSmape, double NaiveSmape, double LinearSmape);
