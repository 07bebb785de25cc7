using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Streams.Api.Auth;

/// <summary>
/// The keys of the <c>api-keys</c> topic as this instance has read them, by hash for the
/// per-request lookup and by id for revocation. Both the topic reader and this instance's own
/// writes apply here, in either order.
/// </summary>
internal sealed partial class ApiKeyBook(ILogger logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock gate = new();

    // Ids are random and never reused, so a record for a revoked id can only be an older one
    // arriving late: the reader catching up on a create this instance has already revoked.
    private readonly HashSet<string> revoked = new(StringComparer.Ordinal);
    private ImmutableDictionary<string, ApiKeyRecord> byHash = ImmutableDictionary.Create<string, ApiKeyRecord>(StringComparer.Ordinal);
    private ImmutableDictionary<string, ApiKeyRecord> byId = ImmutableDictionary.Create<string, ApiKeyRecord>(StringComparer.Ordinal);

    public IReadOnlyList<ApiKeyRecord> All => [.. byId.Values.OrderBy(k => k.CreatedAt)];

    public ApiKeyRecord? FindByHash(string hash) => byHash.GetValueOrDefault(hash);

    public ApiKeyRecord? FindById(string id) => byId.GetValueOrDefault(id);

    /// <summary>Whether the topic has had this id, live or revoked.</summary>
    public bool Knows(string id)
    {
        lock (gate)
        {
            return byId.ContainsKey(id) || revoked.Contains(id);
        }
    }

    /// <summary>Applies a record of the topic: the key id and the record's JSON, null for a revocation.</summary>
    public void Apply(string id, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(id);
        ApiKeyRecord? record = null;
        if (value is not null)
        {
            try
            {
                record = JsonSerializer.Deserialize<ApiKeyRecord>(value, Json);
            }
            catch (JsonException e)
            {
                LogUnusable(id, e.Message);
                return;
            }

            if (record is null || record.Id != id || string.IsNullOrEmpty(record.Hash) || !ApiRoles.IsKnown(record.Role))
            {
                LogUnusable(id, "not a key record with this id, a hash and a known role");
                return;
            }
        }

        lock (gate)
        {
            if (byId.TryGetValue(id, out var previous))
            {
                byHash = byHash.Remove(previous.Hash);
                byId = byId.Remove(id);
            }

            if (record is null)
            {
                revoked.Add(id);
            }
            else if (!revoked.Contains(id))
            {
                byHash = byHash.SetItem(record.Hash, record);
                byId = byId.Add(id, record);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API skips key {Id} from api-keys: {Reason}")]
    private partial void LogUnusable(string id, string reason);
}
