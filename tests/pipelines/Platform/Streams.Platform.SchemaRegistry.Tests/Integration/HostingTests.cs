using Confluent.SchemaRegistry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streams.Platform.SchemaRegistry.Tests.Http;

namespace Streams.Platform.SchemaRegistry.Tests.Integration;

public sealed class HostingTests
{
    [Fact]
    public async Task AddEmbeddedSchemaRegistry_HostStarts_AccessorServesTheRegistry()
    {
        using var kafka = KafkaRegistryTests.StartKafka();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["SchemaRegistry:Embedded:Port"] = "0" });
        builder.Services.AddEmbeddedSchemaRegistry(builder.Configuration, _ => kafka.BootstrapServers);
        builder.Services.AddEmbeddedSchemaRegistry(builder.Configuration, _ => kafka.BootstrapServers);
        using var host = builder.Build();

        await host.StartAsync();
        var accessor = host.Services.GetRequiredService<EmbeddedSchemaRegistryAccessor>();
        var registry = await accessor.WhenStarted;
        using (var client = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = accessor.Registry.Url.ToString() }))
        {
            Assert.Equal(1, await client.RegisterSchemaAsync("hosted-value", new Schema(TestSchemas.SampleV1, SchemaType.Avro)));
        }

        await host.StopAsync();

        Assert.Same(registry, accessor.Registry);
        Assert.Single(host.Services.GetServices<IHostedService>());
        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(registry.Url));
    }

    [Fact]
    public void Accessor_BeforeStart_ThrowsClearError()
    {
        var accessor = new EmbeddedSchemaRegistryAccessor();

        var error = Assert.Throws<InvalidOperationException>(() => accessor.Registry);

        Assert.Contains("not started", error.Message, StringComparison.Ordinal);
    }
}
