namespace Streams.Api.Contracts;

/// <summary>A silence's recurrence, its duration as text.</summary>
internal sealed record SilenceRecurrenceView(string Cron, string Duration, string TimeZone);
