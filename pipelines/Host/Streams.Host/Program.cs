using Streams.Host.Cli;

return await StreamsCommandLine.Build().Parse(args).InvokeAsync();
