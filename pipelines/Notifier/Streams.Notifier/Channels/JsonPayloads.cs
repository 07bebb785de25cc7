using System.Globalization;
using System.Text.Json.Nodes;
using io.streams.avro;

namespace Streams.Notifier.Channels;

/// <summary>JSON pieces the HTTP channels share, with Alertmanager's field names and RFC 3339 times.</summary>
internal static class JsonPayloads
{
    /// <summary>Alertmanager writes the zero time for an alert that has not ended.</summary>
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    public static string Time(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Map(IEnumerable<KeyValuePair<string, string>>? map)
    {
        var json = new JsonObject();
        foreach (var (key, value) in map ?? [])
        {
            json[key] = value;
        }

        return json;
    }

    /// <summary>Labels as Alertmanager expects them: <c>alertname</c> and <c>severity</c> always present.</summary>
    public static JsonObject AlertmanagerLabels(Alert alert)
    {
        var labels = Map(alert.labels);
        labels["alertname"] ??= alert.ruleId;
        labels["severity"] ??= alert.severity.ToString().ToLowerInvariant();
        return labels;
    }

    /// <summary>Ends an alert Alertmanager should consider resolved; a firing one carries no end.</summary>
    public static string? EndsAt(Alert alert) =>
        alert.state == AlertState.RESOLVED ? Time(alert.endsAt ?? alert.updatedAt) : null;
}
