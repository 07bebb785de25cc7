using Streams.Forecaster.Cycle;
using AvroForecast = io.streams.avro.Forecast;

namespace Streams.Evaluation.Forecast;

/// <summary>One forecast the role would publish, with the hourly history it was fitted on.</summary>
internal sealed record ForecastCase(SeriesHistory History, AvroForecast Record);
