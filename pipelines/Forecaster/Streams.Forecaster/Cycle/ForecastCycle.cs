using io.streams.avro;
using Streams.Forecasting;
using AvroDirection = io.streams.avro.ExhaustionDirection;
using AvroModel = io.streams.avro.ForecastModel;
using AvroPoint = io.streams.avro.ForecastPoint;
using Direction = Streams.Forecasting.ExhaustionDirection;
using Model = Streams.Forecasting.ForecastModel;
using SeriesForecaster = Streams.Forecasting.Forecaster;

namespace Streams.Forecaster.Cycle;

/// <summary>
/// One host's share of a cycle: each configured resource's series forecast, with its limit
/// (fixed, or the host's last value of the limit metric) and time to exhaustion, as records.
/// </summary>
internal sealed class ForecastCycle(ForecasterOptions options)
{
    private readonly ForecastOptions forecastOptions = new() { Coverage = options.Coverage };
    private readonly ForecastOptions shareOptions = new() { Coverage = options.Coverage, SaturatingShare = true };
    private readonly int horizonSteps = Math.Max(1, (int)(options.Horizon / SeriesStep));

    /// <summary>The step of <c>series_1h</c>.</summary>
    public static TimeSpan SeriesStep { get; } = TimeSpan.FromHours(1);

    /// <summary>Every metric the cycle reads: the resources and their limit metrics.</summary>
    public IReadOnlyList<string> Metrics =>
        [.. options.EffectiveResources.SelectMany(r => new[] { r.Metric, r.LimitMetric }).OfType<string>().Where(m => m.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>The forecasts of one host's series (<paramref name="series"/> all belong to one host).</summary>
    public IEnumerable<Forecast> ForecastHost(IReadOnlyList<SeriesHistory> series, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(series);
        foreach (var resource in options.EffectiveResources)
        {
            foreach (var history in series.Where(s => s.Metric == resource.Metric))
            {
                var forecast = SeriesForecaster.Forecast(history.Values, horizonSteps, resource.Saturates ? shareOptions : forecastOptions);
                if (forecast is null)
                {
                    continue;
                }

                var limit = resource.Limit ?? LimitFrom(series, resource.LimitMetric, history.TagSuffix);
                var direction = resource.ParsedDirection ?? Direction.Rising;
                var exhaustion = limit is { } l ? Exhaustion.Estimate(forecast, l, direction) : new Exhaustion(null, null, null);
                yield return ToRecord(history, forecast, limit, direction, exhaustion, generatedAt);
            }
        }
    }

    private static double? LimitFrom(IReadOnlyList<SeriesHistory> series, string? metric, string tagSuffix) =>
        string.IsNullOrEmpty(metric)
            ? null
            : series.FirstOrDefault(s => s.Metric == metric && s.TagSuffix == tagSuffix)?.LastObserved() is { } total && total > 0 ? total : null;

    private static Forecast ToRecord(SeriesHistory history, SeriesForecast forecast, double? limit, Direction direction, Exhaustion exhaustion, DateTimeOffset generatedAt)
    {
        DateTime? At(TimeSpan? offset) => offset is { } o ? (forecast.Origin + o).UtcDateTime : null;

        return new Forecast
        {
            host = history.Host,
            series = history.Series,
            metric = history.Metric,
            tags = history.Tags(),
            generatedAt = generatedAt.UtcDateTime,
            model = forecast.Model switch
            {
                Model.Linear => AvroModel.LINEAR,
                Model.DampedTrend => AvroModel.DAMPED_TREND,
                Model.HoltWinters => AvroModel.HOLT_WINTERS,
                _ => AvroModel.UNKNOWN,
            },
            seasonSteps = forecast.Period,
            stepMs = (long)forecast.Step.TotalMilliseconds,
            origin = forecast.Origin.UtcDateTime,
            lastValue = forecast.LastObserved,
            coverage = forecast.Coverage,
            residualSigma = forecast.ResidualSigma,
            limit = limit,
            direction = direction == Direction.Falling ? AvroDirection.FALLING : AvroDirection.RISING,
            exhaustionExpected = At(exhaustion.Expected),
            exhaustionEarliest = At(exhaustion.Earliest),
            exhaustionLatest = At(exhaustion.Latest),
            points = [.. forecast.Points.Select(p => new AvroPoint { at = p.At.UtcDateTime, expected = p.Expected, lower = p.Lower, upper = p.Upper })],
        };
    }
}
