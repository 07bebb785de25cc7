using System.Collections.Concurrent;
using System.Text;
using Streams.Alerting.Config;

namespace Streams.Api.Config;

/// <summary>The notification preferences of alert-rules as their JSON documents (<c>preference:&lt;id&gt;</c>), for GET; the notifier keeps the parsed form.</summary>
internal sealed class PreferenceDocuments
{
    private readonly ConcurrentDictionary<string, string> documents = new(StringComparer.Ordinal);

    public IReadOnlyList<KeyValuePair<string, string>> All => [.. documents.OrderBy(d => d.Key, StringComparer.Ordinal)];

    public string? Find(string id) => documents.GetValueOrDefault(id);

    public void Apply(string key, byte[]? value)
    {
        if (!AlertConfigKey.TryParse(key, out var prefix, out var id) || prefix != AlertConfigKey.PreferencePrefix)
        {
            return;
        }

        if (value is null)
        {
            documents.TryRemove(id, out _);
        }
        else
        {
            documents[id] = Encoding.UTF8.GetString(value);
        }
    }
}
