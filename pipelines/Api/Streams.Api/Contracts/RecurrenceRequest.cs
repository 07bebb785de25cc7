namespace Streams.Api.Contracts;

/// <summary>A recurring silence: every occurrence of a five-field cron opens a window of duration text.</summary>
internal sealed record RecurrenceRequest(string? Cron, string? Duration, string? TimeZone);
