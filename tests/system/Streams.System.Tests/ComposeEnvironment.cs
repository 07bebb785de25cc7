using System.Globalization;
using System.Text.RegularExpressions;
using Streams.Testing;

namespace Streams.System.Tests;

/// <summary>
/// A Compose service's environment made to run on this machine against the platform process:
/// the Compose endpoints become the embedded platform's ports, and the keys that only mean
/// something inside a container are mapped or dropped, each for the reason given.
/// </summary>
internal static partial class ComposeEnvironment
{
    public static Dictionary<string, string> For(ComposeRole service, int kafkaPort, int registryPort, int clickHousePort)
    {
        // From the Compose network (kafka:9092) and from the host network, as the collector reaches them (127.0.0.1:9094).
        var endpoints = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kafka:9092"] = Loopback(kafkaPort),
            ["127.0.0.1:9094"] = Loopback(kafkaPort),
            ["schema-registry:8081"] = Loopback(registryPort),
            ["127.0.0.1:8081"] = Loopback(registryPort),
            ["clickhouse:8123"] = Loopback(clickHousePort),
            ["127.0.0.1:8123"] = Loopback(clickHousePort),
        };
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        var syslogPort = new Lazy<string>(() => SplitPlatform.FreePort().ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in service.Environment)
        {
            var local = Endpoint().Replace(value, m => endpoints.TryGetValue(m.Value, out var port) ? port : m.Value);
            switch (key)
            {
                // The container sees the host's /proc and /sys under /host; here the test host's own, at /, are the host's.
                case "Collector__RootPath":
                // Every process gets its own free port (--Api:Port): Compose's fixed 8089 is one container on the host network.
                case "Api__Port":
                // The embedded chDB endpoint has the one database `default`, where the platform process
                // applied the migrations; Compose's server makes `streams` from CLICKHOUSE_DB, and nothing
                // here creates it. Username and password stay: the endpoint takes them and checks nothing.
                case "ClickHouse__Database":
                    break;

                // One syslog port per container in Compose; here every logs process needs its own (UDP and TCP, as there).
                case "Logs__SyslogUdpPort" or "Logs__SyslogTcpPort":
                    environment[key] = syslogPort.Value;
                    break;

                // Compose publishes syslog on purpose; a test run sends it nothing from the network.
                case "Logs__SyslogBindAddress":
                    environment[key] = "127.0.0.1";
                    break;

                // Kafka__ProvisionTopics=false stays: the platform process has made the catalogue, as Compose's
                // one-shot `topics` does; Streamiz' own topics are still made through Kafka__PlatformUrl.
                default:
                    environment[key] = ContainerHost().IsMatch(local)
                        ? throw new InvalidOperationException($"{ComposeFile.RelativePath} service '{service.Service}': {key}={value} names a container the harness does not map; map it in {nameof(ComposeEnvironment)}.")
                        : local;
                    break;
            }
        }

        return environment;
    }

    private static string Loopback(int port) => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");

    [GeneratedRegex(@"[A-Za-z0-9.-]+:\d+")]
    private static partial Regex Endpoint();

    // A Compose service name as a host: anything that is not loopback and has a port.
    [GeneratedRegex(@"(?:^|//|,)(?!127\.0\.0\.1:)[A-Za-z][A-Za-z0-9.-]*:\d+")]
    private static partial Regex ContainerHost();
}
