using System.Text;
using Avro;
using Streams.Sinks.ClickHouse.Rows;

namespace Streams.Sinks.ClickHouse.RowBinary;

/// <summary>
/// Turns the Avro body of a MetricSample straight into a metrics_raw row in RowBinary, in
/// <see cref="MetricSampleRows"/>' column order, with no object per record: strings are copied
/// as they are, varints become fixed-width integers, enum indexes become their symbols. Only
/// for bodies written with exactly <see cref="WrittenFor"/>. A body it does not take (false,
/// nothing written) goes the generic way, which writes it or dead-letters it with the usual
/// reason: malformed or truncated bytes, invalid UTF-8, a duplicate tag, more than
/// <see cref="MaxTags"/> tags, or a value its column cannot take (see <see cref="ColumnValues"/>).
/// </summary>
internal static class MetricSampleTranscoder
{
    /// <summary>The Parsing Canonical Form of the MetricSample schema this code reads.</summary>
    public const string WrittenFor =
        """{"name":"io.streams.avro.MetricSample","type":"record","fields":[{"name":"host","type":"string"},{"name":"metric","type":"string"},"""
        + """{"name":"value","type":"double"},{"name":"rawValue","type":["null","double"]},{"name":"unit","type":"string"},"""
        + """{"name":"kind","type":{"name":"io.streams.avro.MetricKind","type":"enum","symbols":["UNKNOWN","GAUGE","COUNTER","RATE"]}},"""
        + """{"name":"timestamp","type":"long"},{"name":"tags","type":{"type":"map","values":"string"}},"""
        + """{"name":"source","type":{"name":"io.streams.avro.MetricSource","type":"enum","symbols":["UNKNOWN","AGENT","PROMETHEUS","ZABBIX","NAGIOS","SIMULATOR","REPLAY"]}},"""
        + """{"name":"intervalMs","type":"int"},{"name":"gap","type":"boolean"},{"name":"forwardFilled","type":"boolean"},{"name":"normalised","type":"boolean"}]}""";

    /// <summary>Tags kept on the stack while a row is checked; a sample with more goes the generic way.</summary>
    public const int MaxTags = 64;

    // Each symbol as a whole RowBinary String (length, then bytes), taken from WrittenFor itself.
    private static readonly byte[][] Kinds = SymbolsOf(WrittenFor, "kind");
    private static readonly byte[][] Sources = SymbolsOf(WrittenFor, "source");

    /// <summary>Writes the row of <paramref name="body"/> (the Avro bytes after the 5-byte header) and returns true, or writes nothing and returns false.</summary>
    public static bool TryWrite(ReadOnlySpan<byte> body, RowBinaryBuffer output)
    {
        // Everything is read and checked first: the columns start with ts, the 7th field.
        var avro = new AvroCursor(body);
        Span<int> tags = stackalloc int[MaxTags * 4];
        if (!avro.TryReadString(out var host)
            || !avro.TryReadString(out var metric)
            || !avro.TryReadDouble(out var value)
            || !avro.TryReadIndex(2, out var rawBranch)
            || !TryReadRawValue(ref avro, rawBranch, out var rawValue)
            || !avro.TryReadString(out var unit)
            || !avro.TryReadIndex(Kinds.Length, out var kind)
            || !avro.TryReadLong(out var timestamp) || !ColumnValues.IsTime(timestamp)
            || !TryReadTags(ref avro, body, tags, out var tagCount)
            || !avro.TryReadIndex(Sources.Length, out var source)
            || !avro.TryReadInt(out var intervalMs) || !ColumnValues.IsUnsigned(intervalMs)
            || !avro.TryReadBoolean(out var gap)
            || !avro.TryReadBoolean(out var forwardFilled)
            || !avro.TryReadBoolean(out var normalised)
            || !avro.AtEnd)
        {
            return false;
        }

        output.WriteInt64(timestamp);
        output.WriteString(host);
        output.WriteString(metric);
        output.WriteRaw(value);
        output.WriteNullFlag(rawBranch == 0);
        output.WriteRaw(rawValue);

        output.WriteString(unit);
        output.WriteRaw(Kinds[kind]);
        output.WriteVarUInt((ulong)tagCount);
        for (var i = 0; i < tagCount * 4; i += 2)
        {
            output.WriteString(body.Slice(tags[i], tags[i + 1]));
        }

        output.WriteRaw(Sources[source]);
        output.WriteUInt32((uint)intervalMs);
        output.WriteBool(gap);
        output.WriteBool(forwardFilled);
        output.WriteBool(normalised);
        output.EndRow();
        return true;
    }

    private static bool TryReadRawValue(ref AvroCursor avro, int branch, out ReadOnlySpan<byte> value)
    {
        value = default;
        return branch == 0 || avro.TryReadDouble(out value);
    }

    /// <summary>
    /// The map's entries as (start, length) of key and value in <paramref name="body"/>, four
    /// ints an entry. Blocks may come with a negative count followed by their size in bytes.
    /// </summary>
    internal static bool TryReadTags(ref AvroCursor avro, ReadOnlySpan<byte> body, scoped Span<int> tags, out int count)
    {
        count = 0;
        while (true)
        {
            if (!avro.TryReadLong(out var block))
            {
                return false;
            }

            if (block == 0)
            {
                return true;
            }

            if (block < 0 && (!avro.TryReadLong(out var bytes) || bytes < 0))
            {
                return false;
            }

            block = block < 0 ? -block : block;
            if (block < 0 || block > MaxTags - count)
            {
                return false;
            }

            for (var i = 0; i < block; i++, count++)
            {
                if (!avro.TryReadString(out var key) || IsDuplicate(body, tags[..(count * 4)], key))
                {
                    return false;
                }

                tags[count * 4] = avro.Position - key.Length;
                tags[(count * 4) + 1] = key.Length;
                if (!avro.TryReadString(out var value))
                {
                    return false;
                }

                tags[(count * 4) + 2] = avro.Position - value.Length;
                tags[(count * 4) + 3] = value.Length;
            }
        }
    }

    // A map with a key twice would be written twice into ClickHouse's Map; the generic reader
    // builds a dictionary, so such a body is left to it.
    private static bool IsDuplicate(ReadOnlySpan<byte> body, ReadOnlySpan<int> previous, ReadOnlySpan<byte> key)
    {
        for (var i = 0; i < previous.Length; i += 4)
        {
            if (body.Slice(previous[i], previous[i + 1]).SequenceEqual(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Each symbol of the enum <paramref name="field"/> of the record <paramref name="canonicalForm"/> as a whole RowBinary String.</summary>
    internal static byte[][] SymbolsOf(string canonicalForm, string field)
    {
        var record = (RecordSchema)Schema.Parse(canonicalForm);
        var schema = record.Fields.Single(f => f.Name == field).Schema;
        return [.. ((EnumSchema)schema).Symbols.Select(Symbol)];
    }

    // Avro symbols are ASCII names; these are short enough for a one-byte length.
    private static byte[] Symbol(string symbol) => [checked((byte)(sbyte)symbol.Length), .. Encoding.ASCII.GetBytes(symbol)];
}
