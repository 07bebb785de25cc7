using System.CommandLine;
using Streams.Host.Cli;

// System.CommandLine ends the process with 130/143 two seconds after Ctrl-C or SIGTERM by
// default; stages flushing their batches need up to the host's 60 s shutdown timeout.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(70) };
var parse = StreamsCommandLine.Build().Parse(args);
return CheckCommand.UsageError(parse) ?? await parse.InvokeAsync(invocation);
