using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Streams.Platform.ClickHouse.Tests;

public sealed class HostingTests : IDisposable
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "streams-chdb-host-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AddEmbeddedClickHouse_HostStartAndStop_ServesWhileRunning()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ClickHouse:Embedded:Port"] = "0",
            ["ClickHouse:Embedded:DataPath"] = dataPath,
        }).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddEmbeddedClickHouse(configuration).AddEmbeddedClickHouse(configuration);
        using var host = builder.Build();
        var accessor = host.Services.GetRequiredService<EmbeddedClickHouseAccessor>();

        await host.StartAsync();
        var server = await accessor.Started;
        using var http = new HttpClient { BaseAddress = server.Url };
        Assert.Same(server, accessor.Server);
        Assert.Equal("Ok.\n", await http.GetStringAsync("/ping"));
        await host.StopAsync();

        Assert.Null(accessor.Server);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetStringAsync("/ping"));
    }

    public void Dispose()
    {
        if (Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }
}
