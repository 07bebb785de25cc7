namespace Streams.Api.Contracts;

/// <summary>GET /api/hosts/{host}/forecast: one series' latest forecast with its points.</summary>
internal sealed record SeriesForecastView(CapacityItem Capacity, string Step, double ResidualSigma, IReadOnlyList<ForecastPointView> Points);
