using Microsoft.Extensions.Configuration;
using Streams.Host.Hosting;

namespace Streams.Host.Tests.Hosting;

public sealed class StreamsConfigurationTests
{
    [Fact]
    public void AddLocalPlatformDefaults_NothingConfigured_PointsAtTheEmbeddedPortsOnThisMachine()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["SchemaRegistry:Embedded:Port"] = "18081" });

        configuration.AddLocalPlatformDefaults();

        Assert.Equal("127.0.0.1:9092", configuration["Kafka:BootstrapServers"]);
        Assert.Equal("http://127.0.0.1:18081", configuration["SchemaRegistry:Url"]);
        Assert.Equal("http://127.0.0.1:8123", configuration["ClickHouse:Url"]);
    }

    [Fact]
    public void AddStreamsSources_PlainAndPrefixedEnvironment_BothReadAndThePrefixedWins()
    {
        // A key no other test reads: environment variables are shared by the tests running in parallel.
        const string Plain = "StreamsConfigurationTests__Probe", Prefixed = "STREAMS_StreamsConfigurationTests__Probe";
        Environment.SetEnvironmentVariable(Plain, "as compose sets it");
        try
        {
            var plainOnly = new ConfigurationManager();
            plainOnly.AddStreamsSources([]);
            Assert.Equal("as compose sets it", plainOnly["StreamsConfigurationTests:Probe"]);

            Environment.SetEnvironmentVariable(Prefixed, "prefixed");
            var both = new ConfigurationManager();
            both.AddStreamsSources([]);
            Assert.Equal("prefixed", both["StreamsConfigurationTests:Probe"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Plain, null);
            Environment.SetEnvironmentVariable(Prefixed, null);
        }
    }

    [Fact]
    public void AddStreamsSources_CommandLineAndPrefixedEnvironment_OverrideEarlierSources()
    {
        Environment.SetEnvironmentVariable("STREAMS_ClickHouse__Url", "http://clickhouse.example:8123");
        try
        {
            var configuration = new ConfigurationManager();
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = "from-file:9092" });

            configuration.AddStreamsSources(["--Kafka:BootstrapServers=broker-1:9092"]);
            configuration.AddLocalPlatformDefaults();

            Assert.Equal("broker-1:9092", configuration["Kafka:BootstrapServers"]);
            Assert.Equal("http://clickhouse.example:8123", configuration["ClickHouse:Url"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("STREAMS_ClickHouse__Url", null);
        }
    }
}
