namespace Streams.Forecasting;

/// <summary>
/// A forecast of one series: <see cref="Points"/>[h − 1] is <c>h</c> steps after the last
/// observation (<see cref="Origin"/>, value <see cref="LastObserved"/>).
/// </summary>
internal sealed record SeriesForecast(
    ForecastModel Model,
    int Period,
    TimeSpan Step,
    DateTimeOffset Origin,
    double LastObserved,
    double Coverage,
    double ResidualSigma,
    IReadOnlyList<ForecastPoint> Points)
{
    public TimeSpan Horizon => Step * Points.Count;
}
