using Streams.Alerting.Rules;
using Streams.Alerting.Matching;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using io.streams.avro;

namespace Streams.Alerting.Notifications;

/// <summary>
/// Parses and validates a preference's JSON (camelCase) and lists every problem with its path,
/// e.g. <c>channels[0].address: 'x' is not an email address</c>, so an admin fixes them all at
/// once. The document:
/// <code>
/// { "name": "Web on-call", "team": "web",               // or "user": "alice"
///   "channels": [ { "type": "email", "address": "web@example.com" },
///                 { "type": "slack", "url": "https://hooks.slack.com/services/...", "name": "web-alerts" },
///                 { "type": "web_push", "url": "https://push...", "keys": { "p256dh": "...", "auth": "..." } } ],
///   "minSeverity": "warning",
///   "quietHours": { "start": "22:00", "end": "07:00", "timeZone": "Europe/Paris", "allowCritical": true },
///   "matchers": [ "group=\"web\"", "host=~\"web-.*\"" ],
///   "escalationLevel": 0, "groupBy": [ "host" ],
///   "groupWait": "0s", "groupInterval": "1m", "repeatInterval": "4h",
///   "notifyResolved": true, "notifyAcknowledged": false, "enabled": true }
/// </code>
/// </summary>
public static partial class PreferenceValidator
{
    public const int MaxEscalationLevel = 10;

    private static readonly HashSet<string> KnownProperties = new(StringComparer.Ordinal)
    {
        "id", "name", "user", "team", "enabled", "channels", "minSeverity", "quietHours", "matchers", "escalationLevel",
        "groupBy", "groupWait", "groupInterval", "repeatInterval", "notifyResolved", "notifyAcknowledged",
    };

    /// <summary>Parses the preference stored under <c>preference:<paramref name="id"/></c>.</summary>
    /// <param name="targets">
    /// When writing, the notifier's target policy: a URL whose host is a literal address it refuses,
    /// or <c>localhost</c>, is a problem of its field. Null when reading a stored preference: the
    /// notifier judges every target again when it sends, after resolving the name.
    /// </param>
    public static PreferenceParseResult Parse(string id, string json, TargetPolicy? targets = null)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return new PreferenceParseResult(null, [$"$: not valid JSON ({ex.Message})"]);
        }

        using (document)
        {
            var errors = new List<string>();
            var preference = Read(id, document.RootElement, targets, errors);
            return errors.Count == 0 ? new PreferenceParseResult(preference, []) : new PreferenceParseResult(null, errors);
        }
    }

    /// <summary>Every problem of the document, empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(string id, string json, TargetPolicy? targets = null) => Parse(id, json, targets).Errors;

    private static NotificationPreference? Read(string id, JsonElement root, TargetPolicy? targets, List<string> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"$: expected an object, got {Describe(root)}");
            return null;
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add("id: must not be empty");
        }

        foreach (var property in root.EnumerateObject().Where(p => !KnownProperties.Contains(p.Name)))
        {
            errors.Add($"{property.Name}: unknown property");
        }

        if (OptionalString(root, "id", errors) is { } declared && declared != id)
        {
            errors.Add($"id: '{declared}' differs from the key's id '{id}'");
        }

        var name = OptionalString(root, "name", errors) ?? id;
        var user = OptionalString(root, "user", errors);
        var team = OptionalString(root, "team", errors);
        if ((user is null) == (team is null))
        {
            errors.Add("user/team: exactly one of 'user' or 'team' must name the owner");
        }

        var channels = ReadChannels(root, targets, errors);
        var minimum = Severity.INFO;
        if (OptionalString(root, "minSeverity", errors) is { } severityText)
        {
            minimum = severityText.ToUpperInvariant() switch
            {
                "INFO" => Severity.INFO,
                "WARNING" => Severity.WARNING,
                "MAJOR" => Severity.MAJOR,
                "CRITICAL" => Severity.CRITICAL,
                _ => Fail(errors, $"minSeverity: '{severityText}' is not one of info, warning, major, critical", Severity.INFO),
            };
        }

        var quietHours = ReadQuietHours(root, errors);
        var matchers = new List<LabelMatcher>();
        foreach (var (text, path) in StringArray(root, "matchers", errors))
        {
            if (LabelMatcher.TryParse(text, out var matcher, out var error))
            {
                matchers.Add(matcher);
            }
            else
            {
                errors.Add($"{path}: {error}");
            }
        }

        var escalation = 0;
        if (root.TryGetProperty("escalationLevel", out var level))
        {
            if (level.ValueKind != JsonValueKind.Number || !level.TryGetInt32(out escalation) || escalation < 0 || escalation > MaxEscalationLevel)
            {
                errors.Add($"escalationLevel: {level.GetRawText()} is not an integer from 0 to {MaxEscalationLevel}");
            }
        }

        var groupBy = new List<string>();
        foreach (var (label, path) in StringArray(root, "groupBy", errors))
        {
            if (LabelName().IsMatch(label))
            {
                groupBy.Add(label);
            }
            else
            {
                errors.Add($"{path}: '{label}' is not a label name");
            }
        }

        var groupWait = Duration(root, "groupWait", NotificationPreference.DefaultGroupWait, errors);
        var groupInterval = Duration(root, "groupInterval", NotificationPreference.DefaultGroupInterval, errors);
        var repeatInterval = Duration(root, "repeatInterval", NotificationPreference.DefaultRepeatInterval, errors);
        if (groupInterval <= TimeSpan.Zero)
        {
            errors.Add("groupInterval: must be greater than 0s");
        }

        if (repeatInterval < groupInterval)
        {
            errors.Add($"repeatInterval: {repeatInterval} is shorter than groupInterval {groupInterval}");
        }

        return new NotificationPreference
        {
            Id = id,
            Name = name,
            OwnerKind = user is null ? "team" : "user",
            Owner = user ?? team ?? string.Empty,
            Enabled = OptionalBool(root, "enabled", true, errors),
            Channels = channels,
            MinimumSeverity = minimum,
            QuietHours = quietHours,
            Matchers = matchers,
            EscalationLevel = escalation,
            GroupBy = groupBy,
            GroupWait = groupWait,
            GroupInterval = groupInterval,
            RepeatInterval = repeatInterval,
            NotifyResolved = OptionalBool(root, "notifyResolved", true, errors),
            NotifyAcknowledged = OptionalBool(root, "notifyAcknowledged", false, errors),
        };
    }

    private static List<ChannelTarget> ReadChannels(JsonElement root, TargetPolicy? targets, List<string> errors)
    {
        var channels = new List<ChannelTarget>();
        if (!root.TryGetProperty("channels", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            errors.Add("channels: at least one channel is required");
            return channels;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (ReadChannel(element, $"channels[{index}]", targets, errors) is { } channel)
            {
                channels.Add(channel);
            }

            index++;
        }

        return channels;
    }

    private static ChannelTarget? ReadChannel(JsonElement element, string path, TargetPolicy? targets, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: expected an object, got {Describe(element)}");
            return null;
        }

        var typeText = OptionalString(element, "type", errors, path);
        if (typeText is null || !ChannelTypes.TryParse(typeText, out var type))
        {
            errors.Add($"{path}.type: '{typeText}' is not one of {string.Join(", ", ChannelTypes.Names)}");
            return null;
        }

        var name = OptionalString(element, "name", errors, path);
        if (type.IsHttp())
        {
            var urlText = OptionalString(element, "url", errors, path);
            if (urlText is null || !Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"{path}.url: '{urlText}' is not an absolute http(s) URL");
                return null;
            }

            if (targets?.RefusalOfLiteral(url) is { } refusal)
            {
                errors.Add($"{path}.url: target-refused: {refusal}; the notifier never sends there unless Notifier:Targets:Allow lists it");
                return null;
            }

            WebPushKeys? keys = null;
            if (type == ChannelType.WebPush)
            {
                keys = ReadPushKeys(element, path, errors);
            }

            return new ChannelTarget(type, null, url, name, keys);
        }

        var address = OptionalString(element, "address", errors, path);
        var problem = type switch
        {
            ChannelType.Email when address is null || !Email().IsMatch(address) => "is not an email address",
            ChannelType.Sms when address is null || !Phone().IsMatch(address) => "is not a phone number in E.164 (+ and 7 to 15 digits)",
            ChannelType.Dashboard when string.IsNullOrWhiteSpace(address) => "must name the dashboard user or team",
            _ => null,
        };
        if (problem is not null)
        {
            errors.Add($"{path}.address: '{address}' {problem}");
            return null;
        }

        return new ChannelTarget(type, address, null, name, null);
    }

    private static WebPushKeys? ReadPushKeys(JsonElement element, string path, List<string> errors)
    {
        if (!element.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}.keys: a web_push channel needs the subscription's keys {{ p256dh, auth }}");
            return null;
        }

        var p256dh = OptionalString(keys, "p256dh", errors, path + ".keys");
        var auth = OptionalString(keys, "auth", errors, path + ".keys");
        var ok = true;
        if (Base64UrlLength(p256dh) != 65)
        {
            errors.Add($"{path}.keys.p256dh: '{p256dh}' is not a base64url P-256 public key (65 bytes)");
            ok = false;
        }

        if (Base64UrlLength(auth) != 16)
        {
            errors.Add($"{path}.keys.auth: '{auth}' is not a base64url 16-byte auth secret");
            ok = false;
        }

        return ok ? new WebPushKeys(p256dh!, auth!) : null;
    }

    private static QuietHours? ReadQuietHours(JsonElement root, List<string> errors)
    {
        if (!root.TryGetProperty("quietHours", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"quietHours: expected an object, got {Describe(element)}");
            return null;
        }

        var start = Time(element, "start", errors);
        var end = Time(element, "end", errors);
        var zoneId = OptionalString(element, "timeZone", errors, "quietHours") ?? "UTC";
        TimeZoneInfo? zone = null;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            errors.Add($"quietHours.timeZone: '{zoneId}' is not an IANA time zone");
        }

        if (start is { } s && end is { } e && s == e)
        {
            errors.Add("quietHours: start and end are equal; remove quietHours instead");
        }

        var allowCritical = OptionalBool(element, "allowCritical", true, errors, "quietHours");
        return start is { } from && end is { } to && zone is not null ? new QuietHours(from, to, zone, allowCritical) : null;
    }

    private static TimeOnly? Time(JsonElement element, string property, List<string> errors)
    {
        var text = OptionalString(element, property, errors, "quietHours");
        if (text is not null && TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add($"quietHours.{property}: '{text}' is not a local time like 22:00");
        return null;
    }

    private static TimeSpan Duration(JsonElement root, string property, TimeSpan fallback, List<string> errors)
    {
        var text = OptionalString(root, property, errors);
        if (text is null)
        {
            return fallback;
        }

        if (DurationText.TryParse(text, out var duration))
        {
            return duration;
        }

        errors.Add($"{property}: '{text}' is not a duration like 0s, 30s, 5m or 4h");
        return fallback;
    }

    private static IEnumerable<(string Text, string Path)> StringArray(JsonElement root, string property, List<string> errors)
    {
        if (!root.TryGetProperty(property, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{property}: expected an array of strings, got {Describe(array)}");
            yield break;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{property}[{index++}]";
            if (item.ValueKind == JsonValueKind.String)
            {
                yield return (item.GetString()!, path);
            }
            else
            {
                errors.Add($"{path}: expected a string, got {Describe(item)}");
            }
        }
    }

    private static string? OptionalString(JsonElement element, string property, List<string> errors, string? parent = null)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        errors.Add($"{(parent is null ? string.Empty : parent + ".")}{property}: expected a string, got {Describe(value)}");
        return null;
    }

    private static bool OptionalBool(JsonElement element, string property, bool fallback, List<string> errors, string? parent = null)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add($"{(parent is null ? string.Empty : parent + ".")}{property}: expected true or false, got {Describe(value)}");
        return fallback;
    }

    private static int Base64UrlLength(string? text)
    {
        if (text is null)
        {
            return -1;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? written : -1;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static T Fail<T>(List<string> errors, string error, T fallback)
    {
        errors.Add(error);
        return fallback;
    }

    [GeneratedRegex(@"^[^@\s""<>]+@[^@\s""<>]+\.[^@\s""<>.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();
}
