namespace Streams.Api.Contracts;

/// <summary>
/// GET /api/capacity/headroom: one metric's series among the hosts whose series carry one value of
/// the grouping tag (Value null: the series without the tag). Counts judge the expected time to
/// exhaustion; MedianHeadroom is the median share of the limit still free (rising resources with a
/// positive limit only, null when none); MedianExhaustion is the median expected time, a series
/// that does not reach its limit within the horizon counting as later than any (null: beyond it).
/// </summary>
internal sealed record HeadroomGroup(
    string? Value,
    string Metric,
    int Series,
    int Hosts,
    int ExhaustWithin24h,
    int ExhaustWithin7d,
    double? MedianHeadroom,
    DateTimeOffset? MedianExhaustion);
