using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Streams.Platform.Security;

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

    public const string EnvironmentVariable = StreamsDataDirectory.EnvironmentVariable;

    public const string SystemDefault = StreamsDataDirectory.SystemDefault;

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
        var defaults = StreamsDataDirectory.Layout.ToDictionary(p => p.Key, p => (string?)Path.Combine(dataDir, p.Value), StringComparer.OrdinalIgnoreCase);

        // Beneath every other source, so a path set anywhere wins; the resolved directory itself on top.
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { [Key] = dataDir });
        return dataDir;
    }

    /// <summary>See <see cref="StreamsDataDirectory.Resolve"/>: one rule for the host and the verbs and clients that find its files.</summary>
    internal static string Resolve(string? configured, string? environment, bool privileged, string userDataHome) =>
        StreamsDataDirectory.Resolve(configured, environment, privileged, userDataHome);
}
