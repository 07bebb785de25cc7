namespace Streams.Api.Contracts;

/// <summary>One series of a metric window on the live feed.</summary>
internal sealed record WindowSeriesView(string Series, double? Mean, double? Min, double? Max, double? P95);
