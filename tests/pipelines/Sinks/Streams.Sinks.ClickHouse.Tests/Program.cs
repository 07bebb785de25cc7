using Microsoft.Extensions.Hosting;
using Streams.Sinks.ClickHouse.Tests;

// `dotnet Streams.Sinks.ClickHouse.Tests.dll sink <bootstrap> <registry url> <clickhouse url> <database> <topic> <group> <batch size>`
// runs the sink alone until killed: the child process of SinkCrashTests. The test runner loads
// this assembly as a library and never calls Main.
if (args is not ["sink", var bootstrap, var registry, var clickHouse, var database, var topic, var group, var batchSize])
{
    await Console.Error.WriteLineAsync("usage: sink <bootstrap servers> <registry url> <clickhouse url> <database> <topic> <group> <batch size>");
    return 2;
}

using var host = SinkHost.Build(new TestEndpoints(bootstrap, new Uri(registry), new Uri(clickHouse), database), SinkHost.Settings(topic, group, batchSize));
await host.RunAsync();
return 0;
