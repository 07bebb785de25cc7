namespace Streams.Api.Contracts;

/// <summary>GET /api/hosts/{host}/metrics.</summary>
internal sealed record MetricRange(string Host, string Series, string Step, IReadOnlyList<MetricPoint> Points, IReadOnlyList<BandPoint> Band);
