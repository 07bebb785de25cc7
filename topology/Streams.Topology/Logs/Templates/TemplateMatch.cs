namespace Streams.Topology.Logs.Templates;

/// <summary>What the parser did with one line.</summary>
/// <param name="Template">The template the line belongs to, updated.</param>
/// <param name="IsNew">The line created the template.</param>
/// <param name="Evicted">A template forgotten to make room for the new one, if any.</param>
internal sealed record TemplateMatch(LogTemplate Template, bool IsNew, LogTemplate? Evicted);
