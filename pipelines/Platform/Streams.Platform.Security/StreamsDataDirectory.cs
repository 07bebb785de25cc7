using Microsoft.Extensions.Configuration;

namespace Streams.Platform.Security;

/// <summary>
/// Where a <c>streams</c> process keeps its data (<c>Streams:DataDir</c>), and in it the secrets
/// it makes for itself (the first admin key, the NRDP token, the Zabbix and remote-write
/// secrets). One rule, so that every role, verb and client on a machine finds the same files.
/// </summary>
public static class StreamsDataDirectory
{
    public const string AdminKeyFileName = "admin.key";

    /// <summary>The environment variable that names the data directory when no configuration does.</summary>
    public const string EnvironmentVariable = "STREAMS_DATA_DIR";

    /// <summary>Where a process run by root keeps its data, as other system daemons do.</summary>
    public const string SystemDefault = "/var/lib/streams";

    /// <summary>The data directory of a process with no <c>Streams:DataDir</c> on this machine, as this user.</summary>
    public static string Default => Resolve(null, Environment.GetEnvironmentVariable(EnvironmentVariable), Environment.IsPrivilegedProcess,
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify));

    /// <summary>The admin key file of a process started with the default data directory.</summary>
    public static string DefaultAdminKeyFile => Path.Combine(Default, "api", AdminKeyFileName);

    /// <summary>
    /// Each path option and where under the data directory it lives. The host puts every one
    /// under its <c>Streams:DataDir</c>; an option class built without the host defaults to the
    /// same place under <see cref="Default"/> (<see cref="DefaultPath"/>), never to a folder that
    /// every process on the machine would share.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Layout { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Kafka:Embedded:JournalPath"] = "kafka",
        ["ClickHouse:Embedded:DataPath"] = "clickhouse",
        ["Collector:Publishing:SpoolPath"] = Path.Combine("spool", "metrics"),
        ["Logs:Publishing:SpoolPath"] = Path.Combine("spool", "logs"),
        ["Logs:PositionsPath"] = Path.Combine("logs", "positions.json"),
        ["Prometheus:Publishing:SpoolPath"] = Path.Combine("spool", "prometheus"),
        ["Zabbix:Publishing:SpoolPath"] = Path.Combine("spool", "zabbix"),
        ["Zabbix:EventsPublishing:SpoolPath"] = Path.Combine("spool", "zabbix-events"),
        ["Nagios:Publishing:SpoolPath"] = Path.Combine("spool", "nagios"),
        ["Nagios:EventsPublishing:SpoolPath"] = Path.Combine("spool", "nagios-events"),
        ["Processor:StateDir"] = Path.Combine("state", "processor"),
        ["Scorer:StateDir"] = Path.Combine("state", "scorer"),
        ["Alerting:StateDir"] = Path.Combine("state", "alerting"),
        ["Api:DataDir"] = "api",
        ["Training:ModelsPath"] = "models",
    };

    /// <summary>Where the path option <paramref name="key"/> (one of <see cref="Layout"/>) lives under the default data directory.</summary>
    public static string DefaultPath(string key) => Path.Combine(Default, Layout[key]);

    /// <summary>
    /// <c>Streams:DataDir</c>, else <c>$STREAMS_DATA_DIR</c>, else <c>/var/lib/streams</c> for
    /// root and <c>$XDG_DATA_HOME/streams</c> (<c>~/.local/share/streams</c>) for a user: the
    /// same directory whichever directory <c>streams</c> is started from.
    /// </summary>
    public static string Resolve(string? configured, string? environment, bool privileged, string userDataHome)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (!string.IsNullOrWhiteSpace(environment))
        {
            return environment;
        }

        if (privileged && !OperatingSystem.IsWindows())
        {
            return SystemDefault;
        }

        return string.IsNullOrWhiteSpace(userDataHome)
            ? throw new InvalidOperationException($"No home directory to keep data in: set Streams:DataDir (--data-dir) or {EnvironmentVariable}.")
            : Path.Combine(userDataHome, "streams");
    }

    /// <summary><c>Api:DataDir</c>, else <c>api</c> in the data directory.</summary>
    public static string ApiDataDir(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Api:DataDir"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(configuration["Streams:DataDir"] is { Length: > 0 } dataDir ? dataDir : Default, "api");
    }

    /// <summary>The directory under which each role keeps its secrets in a folder of its own.</summary>
    public static string Root(IConfiguration configuration) =>
        Path.GetDirectoryName(Path.GetFullPath(ApiDataDir(configuration))) ?? Default;

    /// <summary>Where the API writes the first admin key, which verbs and roles on this machine use when no key is configured.</summary>
    public static string AdminKeyFile(IConfiguration configuration) => Path.Combine(ApiDataDir(configuration), AdminKeyFileName);
}
