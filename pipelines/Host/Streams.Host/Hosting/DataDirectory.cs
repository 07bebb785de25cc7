using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Streams.Host.Hosting;

/// <summary>
/// The one directory a <c>streams</c> process keeps everything in (<c>Streams:DataDir</c>):
/// the embedded Kafka journal and ClickHouse, collector spools, tail positions, each Streamiz
/// role's RocksDB state, the first admin key and model artifacts. Every path option defaults
/// to a place under it; a path set explicitly still wins.
/// </summary>
internal static class DataDirectory
{
    public const string Key = "Streams:DataDir";

    /// <summary>The environment variable that names the data directory when no configuration does.</summary>
    public const string EnvironmentVariable = "STREAMS_DATA_DIR";

    /// <summary>Where a process run by root keeps its data, as other system daemons do.</summary>
    public const string SystemDefault = "/var/lib/streams";

    /// <summary>Each path option and where under the data directory it defaults to.</summary>
    public static IReadOnlyList<(string Key, string RelativePath)> Layout { get; } =
    [
        ("Kafka:Embedded:JournalPath", "kafka"),
        ("ClickHouse:Embedded:DataPath", "clickhouse"),
        ("Collector:Publishing:SpoolPath", Path.Combine("spool", "metrics")),
        ("Logs:Publishing:SpoolPath", Path.Combine("spool", "logs")),
        ("Logs:PositionsPath", Path.Combine("logs", "positions.json")),
        ("Prometheus:Publishing:SpoolPath", Path.Combine("spool", "prometheus")),
        ("Zabbix:Publishing:SpoolPath", Path.Combine("spool", "zabbix")),
        ("Zabbix:EventsPublishing:SpoolPath", Path.Combine("spool", "zabbix-events")),
        ("Nagios:Publishing:SpoolPath", Path.Combine("spool", "nagios")),
        ("Nagios:EventsPublishing:SpoolPath", Path.Combine("spool", "nagios-events")),
        ("Processor:StateDir", Path.Combine("state", "processor")),
        ("Scorer:StateDir", Path.Combine("state", "scorer")),
        ("Alerting:StateDir", Path.Combine("state", "alerting")),
        ("Api:DataDir", "api"),
        (Streams.Training.TrainCommand.ModelsPathKey, "models"),
    ];

    /// <summary>
    /// Resolves the data directory once, to an absolute path (a relative <c>--data-dir</c> is
    /// taken against the working directory now, so later directory changes cannot move it), and
    /// puts it and every path default under it into <paramref name="configuration"/>.
    /// </summary>
    /// <returns>The absolute data directory.</returns>
    public static string Apply(IConfigurationManager configuration) =>
        Apply(configuration, Environment.GetEnvironmentVariable(EnvironmentVariable), Environment.IsPrivilegedProcess,
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify));

    internal static string Apply(IConfigurationManager configuration, string? environment, bool privileged, string userDataHome)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataDir = Path.GetFullPath(Resolve(configuration[Key], environment, privileged, userDataHome));
        var defaults = Layout.ToDictionary(p => p.Key, p => (string?)Path.Combine(dataDir, p.RelativePath), StringComparer.OrdinalIgnoreCase);

        // Beneath every other source, so a path set anywhere wins; the resolved directory itself on top.
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { [Key] = dataDir });
        return dataDir;
    }

    /// <summary>
    /// <c>Streams:DataDir</c>, else <c>$STREAMS_DATA_DIR</c>, else <c>/var/lib/streams</c> for
    /// root and <c>$XDG_DATA_HOME/streams</c> (<c>~/.local/share/streams</c>) for a user: the
    /// same directory whichever directory <c>streams</c> is started from.
    /// </summary>
    internal static string Resolve(string? configured, string? environment, bool privileged, string userDataHome)
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
            ? throw new InvalidOperationException($"No home directory to keep data in: set {Key} (--data-dir) or {EnvironmentVariable}.")
            : Path.Combine(userDataHome, "streams");
    }
}
