namespace Streams.Api.Contracts;

/// <summary>One forecast step: the expected value and its prediction interval.</summary>
internal sealed record ForecastPointView(DateTimeOffset T, double Expected, double Lower, double Upper);
