using io.streams.avro;
using Streams.Topology.DeadLetters;

namespace Streams.Topology.Logs.Templates;

/// <summary>The output of the mining transformer for one raw record: the line with its template, or a rejection.</summary>
internal sealed record MineOutcome(LogRecord? Clean, Rejection? Rejection);
