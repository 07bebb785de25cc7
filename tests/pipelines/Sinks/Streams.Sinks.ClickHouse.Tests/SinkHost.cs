using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;

namespace Streams.Sinks.ClickHouse.Tests;

/// <summary>A host running only the sink role against given endpoints, as the <c>streams</c> host would with external endpoints.</summary>
internal static class SinkHost
{
    public static IHost Build(TestEndpoints endpoints, IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IKafkaEndpoint>(endpoints);
        builder.Services.AddSingleton<ISchemaRegistryEndpoint>(endpoints);
        builder.Services.AddSingleton<IClickHouseEndpoint>(endpoints);
        builder.Services.AddClickHouseSink(builder.Configuration);
        return builder.Build();
    }

    /// <summary>Sink settings for tests: metrics only, from <paramref name="topic"/>, short batch timeout and retry delays.</summary>
    public static Dictionary<string, string?> Settings(string topic, string group, string batchSize) => new()
    {
        ["Sink:GroupId"] = group,
        ["Sink:BatchSize"] = batchSize,
        ["Sink:BatchTimeout"] = "00:00:00.200",
        ["Sink:RetryInitialDelay"] = "00:00:00.100",
        ["Sink:RetryMaxDelay"] = "00:00:00.500",
        ["Sink:MetricsTopic"] = topic,
        ["Sink:Tables:0"] = "metrics_raw",
    };
}
