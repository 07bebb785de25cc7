namespace Streams.Api.Contracts;

/// <summary>POST /api/silences: endsAt, or a duration from startsAt (default now).</summary>
internal sealed record SilenceRequest(IReadOnlyList<string>? Matchers, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Duration, RecurrenceRequest? Recurrence, string? Comment);
