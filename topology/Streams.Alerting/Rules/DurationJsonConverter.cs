using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streams.Alerting.Rules;

/// <summary>Reads and writes <see cref="TimeSpan"/> as Prometheus-style duration text.</summary>
internal sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return DurationText.TryParse(text, out var duration)
            ? duration
            : throw new JsonException($"'{text ?? reader.TokenType.ToString()}' is not a duration (write e.g. 30s, 5m, 1h30m, 1d)");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(DurationText.Format(value));
    }
}
