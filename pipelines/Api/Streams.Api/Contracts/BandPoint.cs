namespace Streams.Api.Contracts;

/// <summary>The normal range of a series at one step.</summary>
internal sealed record BandPoint(DateTimeOffset T, double Low, double High);
