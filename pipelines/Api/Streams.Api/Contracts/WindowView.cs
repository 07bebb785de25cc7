namespace Streams.Api.Contracts;

/// <summary>A metric window on the live feed.</summary>
internal sealed record WindowView(string Host, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, IReadOnlyList<WindowSeriesView> Series);
