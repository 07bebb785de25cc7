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
