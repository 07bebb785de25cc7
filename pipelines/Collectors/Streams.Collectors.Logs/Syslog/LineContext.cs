using io.streams.avro;

namespace Streams.Collectors.Logs.Syslog;

/// <summary>What the parser knows about a line besides its text: when and from where it arrived, and the defaults for what it lacks.</summary>
internal sealed record LineContext(DateTime ReceivedAt, string Host, string App, LogSource Source, string Origin);
