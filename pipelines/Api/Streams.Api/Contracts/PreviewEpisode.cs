namespace Streams.Api.Contracts;

/// <summary>One firing episode of a previewed rule; end is null while it still fired at the end.</summary>
internal sealed record PreviewEpisode(DateTimeOffset Start, DateTimeOffset? End);
