namespace Streams.Api.Contracts;

/// <summary>
/// GET /api/capacity: one resource series of one host, its latest forecast's time to exhaustion.
/// Exhaustion times are null when not within the forecast's horizon.
/// </summary>
internal sealed record CapacityItem(
    string Host,
    string Series,
    string Metric,
    IReadOnlyDictionary<string, string> Tags,
    string Model,
    int SeasonSteps,
    DateTimeOffset GeneratedAt,
    DateTimeOffset Origin,
    double LastValue,
    double? Limit,
    string Direction,
    double Coverage,
    DateTimeOffset? ExhaustionExpected,
    DateTimeOffset? ExhaustionEarliest,
    DateTimeOffset? ExhaustionLatest,
    string Summary);
