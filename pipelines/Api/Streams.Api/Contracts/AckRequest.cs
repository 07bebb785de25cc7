namespace Streams.Api.Contracts;

/// <summary>POST /api/alerts/{fingerprint}/ack.</summary>
internal sealed record AckRequest(string? Comment);
