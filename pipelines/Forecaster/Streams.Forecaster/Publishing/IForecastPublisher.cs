using io.streams.avro;

namespace Streams.Forecaster.Publishing;

/// <summary>Where forecasts go.</summary>
internal interface IForecastPublisher
{
    /// <summary>Publishes one host's forecasts; complete when they are durable.</summary>
    Task PublishAsync(IReadOnlyList<Forecast> forecasts, CancellationToken cancellationToken);
}
