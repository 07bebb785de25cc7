using System.Text.Json;

namespace Streams.Api.Auth;

/// <summary>
/// <c>&lt;Api:DataDir&gt;/keys.json</c>, where keys were kept before the <c>api-keys</c> topic: read
/// once at start so an upgrade keeps its keys, then renamed so that a key revoked afterwards is
/// not imported again at the next start.
/// </summary>
internal static class LegacyKeyFile
{
    public const string FileName = "keys.json";
    public const string ImportedSuffix = ".imported";

    /// <summary>The records of the file, null when there is no file.</summary>
    public static IReadOnlyList<ApiKeyRecord>? Read(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        return File.Exists(path) ? JsonSerializer.Deserialize<List<ApiKeyRecord>>(File.ReadAllText(path), ApiKeyBook.Json) ?? [] : null;
    }

    public static void MarkImported(string dataDir)
    {
        var path = Path.Combine(dataDir, FileName);
        try
        {
            File.Move(path, path + ImportedSuffix, overwrite: true);
        }
        catch (FileNotFoundException)
        {
            // Another instance on the same volume imported it at the same time.
        }
    }
}
