using System.Security.Cryptography;
using System.Text;

namespace Streams.Alerting.Lifecycle;

/// <summary>
/// The stable id of an alert: a hash of its rule id and identity labels (host, series or app),
/// not of tags or severity, which may change during an episode.
/// </summary>
public static class AlertFingerprint
{
    public static string Of(string ruleId, IReadOnlyDictionary<string, string> identity)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(identity);
        var text = new StringBuilder(ruleId);
        foreach (var (name, value) in identity.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            text.Append('\u001f').Append(name).Append('=').Append(value);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 8));
    }

    /// <summary>The notification group of an alert: its values of the rule's group-by labels, Alertmanager's <c>{host="web-1"}</c> form.</summary>
    public static string GroupKey(IReadOnlyList<string> groupBy, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(groupBy);
        ArgumentNullException.ThrowIfNull(labels);
        return "{" + string.Join(",", groupBy.Order(StringComparer.Ordinal).Select(l => $"{l}=\"{labels.GetValueOrDefault(l) ?? string.Empty}\"")) + "}";
    }
}
