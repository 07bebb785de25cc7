namespace Streams.Api.Contracts;

/// <summary>A stored silence; active says whether it mutes now.</summary>
internal sealed record SilenceView(string Id, IReadOnlyList<string> Matchers, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, SilenceRecurrenceView? Recurrence, string CreatedBy, string Comment, bool Active);
