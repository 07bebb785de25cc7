using Microsoft.Extensions.Configuration;

namespace Streams.Platform.Security;

/// <summary>
/// Where a <c>streams</c> process keeps the secrets it makes for itself (the first admin key, the
/// NRDP token, the Zabbix webhook secret): the parent of <c>Api:DataDir</c>, <c>.streams-data</c>
/// by default. One place, so that every role and every verb on a machine finds the same files.
/// </summary>
public static class StreamsDataDirectory
{
    public const string AdminKeyFileName = "admin.key";

    // Api:DataDir's default (StreamsApiOptions), relative to the working directory.
    private static readonly string DefaultApiDataDir = Path.Combine(".streams-data", "api");

    /// <summary>The admin key file of a process started in the working directory with the default <c>Api:DataDir</c>.</summary>
    public static string DefaultAdminKeyFile { get; } = Path.Combine(DefaultApiDataDir, AdminKeyFileName);

    /// <summary><c>Api:DataDir</c>, or its default.</summary>
    public static string ApiDataDir(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Api:DataDir"] is { Length: > 0 } configured ? configured : DefaultApiDataDir;
    }

    /// <summary>The directory under which each role keeps its secrets in a folder of its own.</summary>
    public static string Root(IConfiguration configuration) =>
        Path.GetDirectoryName(Path.GetFullPath(ApiDataDir(configuration))) ?? Path.GetFullPath(".streams-data");

    /// <summary>Where the API writes the first admin key, which verbs and roles on this machine use when no key is configured.</summary>
    public static string AdminKeyFile(IConfiguration configuration) => Path.Combine(ApiDataDir(configuration), AdminKeyFileName);
}
