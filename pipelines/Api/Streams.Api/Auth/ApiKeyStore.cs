using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Streams.Api.Auth;

/// <summary>
/// API keys in <c>&lt;Api:DataDir&gt;/keys.json</c> (mode 0600), hashed with SHA-256: a key is 32
/// random bytes, so a fast unsalted hash is enough (nothing to brute-force, unlike a password).
/// One instance owns the file; several API instances need it on a shared volume.
/// </summary>
internal sealed class ApiKeyStore
{
    public const string KeyPrefix = "stk_";
    private const string FileName = "keys.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock gate = new();
    private readonly string path;
    private ImmutableDictionary<string, ApiKeyRecord> byHash;

    public ApiKeyStore(IOptions<StreamsApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        DataDir = Path.GetFullPath(options.Value.DataDir);
        path = Path.Combine(DataDir, FileName);
        var stored = File.Exists(path) ? JsonSerializer.Deserialize<List<ApiKeyRecord>>(File.ReadAllText(path), Json) ?? [] : [];
        byHash = stored.ToImmutableDictionary(k => k.Hash, StringComparer.Ordinal);
    }

    public string DataDir { get; }

    public IReadOnlyList<ApiKeyRecord> All => [.. byHash.Values.OrderBy(k => k.CreatedAt)];

    /// <summary>The key's record, or null for an unknown key.</summary>
    public ApiKeyRecord? Find(string key) => byHash.GetValueOrDefault(Hash(key));

    /// <summary>Creates and stores a key; the key itself is returned once and kept nowhere.</summary>
    public (ApiKeyRecord Record, string Key) Create(string name, string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var record = new ApiKeyRecord(Base64Url(RandomNumberGenerator.GetBytes(9)), name, role, Hash(key), DateTimeOffset.UtcNow);
        lock (gate)
        {
            byHash = byHash.Add(record.Hash, record);
            Save();
        }

        return (record, key);
    }

    public bool Delete(string id)
    {
        lock (gate)
        {
            var found = byHash.Values.FirstOrDefault(k => k.Id == id);
            if (found is null)
            {
                return false;
            }

            byHash = byHash.Remove(found.Hash);
            Save();
            return true;
        }
    }

    /// <summary>Writes <paramref name="text"/> to a new file readable by its owner only.</summary>
    public static void WritePrivate(string file, string text)
    {
        var temporary = file + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            // Restricted before the secret is written.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            stream.Write(Encoding.UTF8.GetBytes(text));
        }

        File.Move(temporary, file, overwrite: true);
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private void Save()
    {
        Directory.CreateDirectory(DataDir);
        WritePrivate(path, JsonSerializer.Serialize(All, Json));
    }
}
