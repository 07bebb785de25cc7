namespace Streams.Api.Contracts;

/// <summary>GET /api/capacity/headroom: the fleet's headroom per value of a tag, as of <see cref="At"/>.</summary>
internal sealed record HeadroomReport(string By, DateTimeOffset At, IReadOnlyList<HeadroomGroup> Groups);
