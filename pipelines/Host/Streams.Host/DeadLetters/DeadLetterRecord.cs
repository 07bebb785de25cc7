using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Streams.Topology.DeadLetters;

namespace Streams.Host.DeadLetters;

/// <summary>One record of the <c>deadletter</c> topic, its headers read back into fields.</summary>
/// <param name="Partition">Partition of the dead letter itself (not of its source).</param>
/// <param name="Offset">Offset of the dead letter itself (not of its source).</param>
internal sealed record DeadLetterRecord(
    DateTimeOffset Timestamp,
    int Partition,
    long Offset,
    string? Key,
    string Stage,
    string Reason,
    string Detail,
    string? SourceTopic,
    int? SourcePartition,
    long? SourceOffset,
    byte[]? Value)
{
    private const int PreviewLength = 64;

    public int ValueSize => Value?.Length ?? 0;

    public string Source => string.Create(CultureInfo.InvariantCulture, $"{SourceTopic ?? Key ?? "?"}[{SourcePartition?.ToString(CultureInfo.InvariantCulture) ?? "?"}]@{SourceOffset?.ToString(CultureInfo.InvariantCulture) ?? "?"}");

    /// <summary>The value's first bytes with everything outside printable ASCII shown as '.', as hexdump's right column: Avro is mostly binary, but names and strings show.</summary>
    public string Preview
    {
        get
        {
            var value = Value ?? [];
            var text = new StringBuilder(Math.Min(value.Length, PreviewLength) + 1);
            foreach (var b in value.AsSpan(0, Math.Min(value.Length, PreviewLength)))
            {
                text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
            }

            return value.Length > PreviewLength ? text.Append('…').ToString() : text.ToString();
        }
    }

    public static DeadLetterRecord From(ConsumeResult<byte[]?, byte[]?> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var message = result.Message;
        string? Header(string name) =>
            message.Headers is { } headers && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

        return new DeadLetterRecord(
            DateTimeOffset.FromUnixTimeMilliseconds(message.Timestamp.UnixTimestampMs),
            result.Partition.Value,
            result.Offset.Value,
            message.Key is null ? null : Encoding.UTF8.GetString(message.Key),
            Header(DeadLetterHeaders.Stage) ?? "",
            Header(DeadLetterHeaders.Reason) ?? "",
            Header(DeadLetterHeaders.Detail) ?? "",
            Header(DeadLetterHeaders.SourceTopic),
            int.TryParse(Header(DeadLetterHeaders.SourcePartition), NumberStyles.Integer, CultureInfo.InvariantCulture, out var partition) ? partition : null,
            long.TryParse(Header(DeadLetterHeaders.SourceOffset), NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset) ? offset : null,
            message.Value);
    }
}
