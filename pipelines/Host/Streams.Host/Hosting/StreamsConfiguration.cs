using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Streams.Host.Hosting;

/// <summary>
/// Layers the configuration every verb reads: appsettings.json, appsettings.{Environment}.json,
/// environment variables (plain <c>Kafka__BootstrapServers</c> or with a <c>STREAMS_</c>
/// prefix), then the command line (<c>--Kafka:BootstrapServers=host:9092</c>, and
/// <c>--data-dir DIR</c> for <c>Streams:DataDir</c>), last wins.
/// </summary>
internal static class StreamsConfiguration
{
    public const string EnvironmentPrefix = "STREAMS_";

    private static readonly Dictionary<string, string> DataDirSwitch = new(StringComparer.Ordinal) { ["--data-dir"] = DataDirectory.Key };

    public static void AddStreamsSources(this IConfigurationBuilder builder, string[] args)
    {
        // Unprefixed too, as the Compose file and the manifests set them: without it `streams status`
        // beside a role looked at 127.0.0.1:9092 while the role used the configured cluster.
        builder.AddEnvironmentVariables();
        builder.AddEnvironmentVariables(EnvironmentPrefix);
        builder.AddCommandLine(args, DataDirSwitch);
    }

    /// <summary>
    /// Where a process that does not run the platform finds it: every endpoint left unset points
    /// at the embedded platform's port on this machine (another process's <c>streams up</c>).
    /// Added beneath every other source, so anything configured wins.
    /// </summary>
    public static void AddLocalPlatformDefaults(this IConfigurationManager configuration)
    {
        string Endpoint(string section, int defaultPort) =>
            string.Create(CultureInfo.InvariantCulture, $"{configuration[$"{section}:Embedded:Host"] ?? "127.0.0.1"}:{configuration.GetValue($"{section}:Embedded:Port", defaultPort)}");

        var defaults = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = Endpoint("Kafka", 9092),
            ["SchemaRegistry:Url"] = "http://" + Endpoint("SchemaRegistry", 8081),
            ["ClickHouse:Url"] = "http://" + Endpoint("ClickHouse", 8123),
            // The platform process's API port, where it creates topics for other processes.
            ["Kafka:PlatformUrl"] = "http://127.0.0.1:8080",
        };
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
    }
}
