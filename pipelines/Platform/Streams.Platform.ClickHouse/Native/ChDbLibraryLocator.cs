namespace Streams.Platform.ClickHouse.Native;

/// <summary>
/// Finds libchdb.so: the configured path, then <c>STREAMS_CHDB_LIBRARY</c>, then
/// <c>.cache/chdb/libchdb.so</c> (where infra/setup/chdb.sh puts it) in the current directory,
/// the application directory or any of their parents.
/// </summary>
internal static class ChDbLibraryLocator
{
    public const string EnvironmentVariable = "STREAMS_CHDB_LIBRARY";

    private static readonly string CacheRelativePath = Path.Combine(".cache", "chdb", "libchdb.so");

    public static string Locate(string? configuredPath) =>
        Locate(configuredPath, Environment.GetEnvironmentVariable(EnvironmentVariable),
            [Directory.GetCurrentDirectory(), AppContext.BaseDirectory]);

    public static string Locate(string? configuredPath, string? environmentPath, IReadOnlyList<string> searchRoots)
    {
        ArgumentNullException.ThrowIfNull(searchRoots);
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return Existing(configuredPath, "ClickHouse:Embedded:LibraryPath");
        }

        if (!string.IsNullOrWhiteSpace(environmentPath))
        {
            return Existing(environmentPath, EnvironmentVariable);
        }

        foreach (var root in searchRoots)
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, CacheRelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException(
            $"libchdb.so (embedded ClickHouse) not found: looked for {CacheRelativePath} upward from " +
            $"{string.Join(" and ", searchRoots.Select(r => $"'{Path.GetFullPath(r)}'").Distinct())} " +
            $"(ClickHouse:Embedded:LibraryPath and {EnvironmentVariable} unset); run infra/setup/chdb.sh, or set ClickHouse:Url to use a ClickHouse server.");
    }

    private static string Existing(string path, string source)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full)
            ? full
            : throw new FileNotFoundException(
                $"libchdb.so (embedded ClickHouse) not found at '{full}' (from {source}); run infra/setup/chdb.sh, or set ClickHouse:Url to use a ClickHouse server.");
    }
}
