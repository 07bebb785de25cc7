using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streams.Alerting.Rules;

/// <summary>The JSON form of rules in the alert-rules topic and the API: camelCase, enums as their names, durations as <c>5m</c>.</summary>
public static class RuleJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Parses a rule; on malformed JSON returns null and the reason, with the JSON path.</summary>
    public static AlertRule? Parse(string json, out string? error)
    {
        try
        {
            error = null;
            var rule = JsonSerializer.Deserialize<AlertRule>(json, Options);
            if (rule is null)
            {
                error = "the rule is null";
            }

            return rule;
        }
        catch (JsonException e)
        {
            error = e.Path is { Length: > 1 } path ? $"{path.TrimStart('$', '.')}: {FirstSentence(e.Message)}" : FirstSentence(e.Message);
            return null;
        }
    }

    public static string Serialize(AlertRule rule) => JsonSerializer.Serialize(rule, Options);

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: $.x | LineNumber: ..." to its messages; the path is already in front.
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.Converters.Add(new DurationJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
