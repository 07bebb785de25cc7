using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Streams.Topology.State;

namespace Streams.Processor.Tests;

public sealed class ProcessorServiceCollectionExtensionsTests
{
    [Fact]
    public void AddProcessor_CalledTwice_RegistersOneHostedService()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();

        services.AddProcessor(configuration).AddProcessor(configuration);

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
    }

    [Fact]
    public void AddProcessor_ProcessorSection_BindsWindowsAndNormalizeSettings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Processor:ApplicationId"] = "proc-a",
            ["Processor:WindowSizes:0"] = "00:00:30",
            ["Processor:WindowSizes:1"] = "00:05:00",
            ["Processor:WindowGrace"] = "00:00:02",
            ["Processor:Stores"] = "InMemory",
            ["Processor:Normalize:MaxForwardFill"] = "7",
        }).Build();
        using var provider = new ServiceCollection().AddProcessor(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ProcessorOptions>>().Value;

        Assert.Equal("proc-a", options.ApplicationId);
        var windows = options.WindowSettings();
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5)], windows.Sizes);
        Assert.Equal(TimeSpan.FromSeconds(2), windows.Grace);
        Assert.Equal(StateStoreKind.InMemory, windows.Stores);
        var normalize = options.NormalizeSettings();
        Assert.Equal(7, normalize.MaxForwardFill);
        Assert.Equal(StateStoreKind.InMemory, normalize.Stores);
    }

    [Fact]
    public void WindowSettings_NoSizesConfigured_AreTenSecondsAndOneMinute()
    {
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)], new ProcessorOptions().WindowSettings().Sizes);
    }
}
