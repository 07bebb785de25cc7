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

    private const long MaxNs = 999_999_999;
    private static readonly long MaxClock = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;

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
                var itemClock = ownClock ?? clock;
                var itemNs = ownClock is null ? ns : Number(item, "ns");
                if (itemClock < 0 || itemClock > MaxClock || itemNs is < 0 or > MaxNs)
                {
                    // The trapper turns clock and ns into a DateTime, which ends at year 9999.
                    throw new FormatException($"item {items.Count} has clock {itemClock} and ns {itemNs}: clock must be Unix seconds up to year 9999, ns 0 to {MaxNs}");
                }

                items.Add(new SenderItem(Text(item, "host"), Text(item, "key"), Text(item, "value"), itemClock, itemNs));
            }

            return new SenderRequest(name, items);
        }
        catch (JsonException ex)
        {
            throw new FormatException("the message is not JSON: " + ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            // JsonElement.GetString on a string that is not valid UTF-8; the reader lets it through.
            throw new FormatException("the message has a string that is not UTF-8: " + ex.Message, ex);
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
