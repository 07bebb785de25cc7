using System.Globalization;
using System.Text.Json;

namespace Streams.Collectors.Zabbix.Protocol;

/// <summary>
/// The JSON of a trapper request (Zabbix manual, "Zabbix sender protocol" and "Passive and active
/// agent checks"): <c>{"request":"sender data"|"agent data","data":[{"host","key","value","clock","ns"}],"clock","ns"}</c>.
/// An item without its own clock takes the request's.
/// </summary>
internal sealed record SenderRequest(string Request, IReadOnlyList<SenderItem> Items)
{
    public const string SenderData = "sender data";
    public const string AgentData = "agent data";

    /// <exception cref="FormatException">Not JSON, or not a request object with a <c>data</c> array of items.</exception>
    public static SenderRequest Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.String)
            {
                throw new FormatException("the JSON is not an object with a \"request\" string");
            }

            var name = request.GetString()!;
            if (name is not (SenderData or AgentData))
            {
                return new SenderRequest(name, []);
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"a \"{name}\" request needs a \"data\" array");
            }

            var clock = Number(root, "clock");
            var ns = Number(root, "ns");
            var items = new List<SenderItem>(data.GetArrayLength());
            foreach (var item in data.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("every \"data\" element must be an object");
                }

                var ownClock = Number(item, "clock");
                items.Add(new SenderItem(Text(item, "host"), Text(item, "key"), Text(item, "value"), ownClock ?? clock, ownClock is null ? ns : Number(item, "ns")));
            }

            return new SenderRequest(name, items);
        }
        catch (JsonException ex)
        {
            throw new FormatException("the message is not JSON: " + ex.Message, ex);
        }
    }

    private static string Text(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? ""
        : value.ValueKind == JsonValueKind.String ? value.GetString()!
        : value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False ? value.GetRawText()
        : throw new FormatException($"\"{name}\" must be a string or a number");

    private static long? Number(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => throw new FormatException($"\"{name}\" must be a whole number"),
        };
    }
}
