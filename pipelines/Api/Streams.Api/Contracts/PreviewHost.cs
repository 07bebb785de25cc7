namespace Streams.Api.Contracts;

/// <summary>A host's episodes in a rule preview.</summary>
internal sealed record PreviewHost(string Host, IReadOnlyList<PreviewEpisode> Episodes);
