namespace Streams.Api.Contracts;

/// <summary>A stored notification preference: its id and the document as written.</summary>
internal sealed record PreferenceView(string Id, System.Text.Json.Nodes.JsonNode? Preference);
