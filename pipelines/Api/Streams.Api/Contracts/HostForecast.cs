namespace Streams.Api.Contracts;

/// <summary>GET /api/hosts/{host}/forecast.</summary>
internal sealed record HostForecast(string Host, string Metric, IReadOnlyList<SeriesForecastView> Series);
