namespace Streams.Collectors.Publishing.Inbound;

/// <summary>
/// Input an integration refused. <paramref name="Source"/> becomes the dead letter's key (e.g.
/// <c>prometheus.remote-write</c>), <paramref name="Original"/> its value, the rest its headers.
/// </summary>
public sealed record InboundDeadLetter(string Source, string Stage, string Reason, string Detail, byte[] Original);
