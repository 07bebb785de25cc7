namespace Streams.Api.Contracts;

/// <summary>One step of a metric: the windows' mean, smallest minimum, largest maximum and largest p95.</summary>
internal sealed record MetricPoint(DateTimeOffset T, double? Mean, double? Min, double? Max, double? P95);
