using Avro;
using Streams.Sinks.ClickHouse.Rows;

namespace Streams.Sinks.ClickHouse.RowBinary;

/// <summary>
/// Turns the Avro body of a clean MetricBatch straight into metrics_raw rows in RowBinary, one
/// per point, in <see cref="MetricSampleRows"/>' column order and with the very values the
/// generic path writes (<see cref="MetricBatchRows"/>): the point's time or else the batch's,
/// the host tags overlaid with the point's. The body is walked twice, once to check every value
/// (the <c>normalised</c> flag every row needs comes last), once to write, so a body it does not
/// take (false) leaves nothing written and goes the generic way, which writes it or dead-letters
/// it with the usual reason. Only for bodies written with exactly <see cref="WrittenFor"/>.
/// </summary>
internal static class MetricBatchTranscoder
{
    /// <summary>The Parsing Canonical Form of the MetricBatch schema this code reads.</summary>
    public const string WrittenFor =
        """{"name":"io.streams.avro.MetricBatch","type":"record","fields":[{"name":"host","type":"string"},{"name":"timestamp","type":"long"},"""
        + """{"name":"source","type":{"name":"io.streams.avro.MetricSource","type":"enum","symbols":["UNKNOWN","AGENT","PROMETHEUS","ZABBIX","NAGIOS","SIMULATOR","REPLAY"]}},"""
        + """{"name":"intervalMs","type":"int"},{"name":"tags","type":{"type":"map","values":"string"}},"""
        + """{"name":"points","type":{"type":"array","items":{"name":"io.streams.avro.MetricPoint","type":"record","fields":[{"name":"metric","type":"string"},"""
        + """{"name":"value","type":"double"},{"name":"rawValue","type":["null","double"]},{"name":"unit","type":"string"},"""
        + """{"name":"kind","type":{"name":"io.streams.avro.MetricKind","type":"enum","symbols":["UNKNOWN","GAUGE","COUNTER","RATE"]}},"""
        + """{"name":"tags","type":{"type":"map","values":"string"}},{"name":"timestamp","type":["null","long"]},{"name":"gap","type":"boolean"},"""
        + """{"name":"forwardFilled","type":"boolean"}]}}},{"name":"normalised","type":"boolean"}]}""";

    private const int MaxTags = MetricSampleTranscoder.MaxTags;

    private static readonly byte[][] Sources = MetricSampleTranscoder.SymbolsOf(WrittenFor, "source");
    private static readonly byte[][] Kinds = MetricSampleTranscoder.SymbolsOf(PointSchema(), "kind");

    /// <summary>Writes the rows of <paramref name="body"/> (the Avro bytes after the 5-byte header) and returns true, or writes nothing and returns false.</summary>
    public static bool TryWrite(ReadOnlySpan<byte> body, RowBinaryBuffer output)
    {
        Span<int> hostTags = stackalloc int[MaxTags * 4];
        Span<int> pointTags = stackalloc int[MaxTags * 4];
        if (!Walk(body, null, false, hostTags, pointTags, out var normalised))
        {
            return false;
        }

        Walk(body, output, normalised, hostTags, pointTags, out _);
        return true;
    }

    private static bool Walk(ReadOnlySpan<byte> body, RowBinaryBuffer? output, bool normalised, Span<int> hostTags, Span<int> pointTags, out bool normalisedRead)
    {
        normalisedRead = false;
        var avro = new AvroCursor(body);
        if (!avro.TryReadString(out var host)
            || !avro.TryReadLong(out var batchTime) || !ColumnValues.IsTime(batchTime)
            || !avro.TryReadIndex(Sources.Length, out var source)
            || !avro.TryReadInt(out var intervalMs) || !ColumnValues.IsUnsigned(intervalMs)
            || !MetricSampleTranscoder.TryReadTags(ref avro, body, hostTags, out var hostTagCount))
        {
            return false;
        }

        while (true)
        {
            if (!avro.TryReadLong(out var block))
            {
                return false;
            }

            if (block == 0)
            {
                break;
            }

            if (block < 0 && (!avro.TryReadLong(out var bytes) || bytes < 0))
            {
                return false;
            }

            block = block < 0 ? -block : block;
            for (var i = 0L; i < block; i++)
            {
                ReadOnlySpan<byte> rawValue = default;
                if (!avro.TryReadString(out var metric)
                    || !avro.TryReadDouble(out var value)
                    || !avro.TryReadIndex(2, out var rawBranch)
                    || !(rawBranch == 0 || avro.TryReadDouble(out rawValue))
                    || !avro.TryReadString(out var unit)
                    || !avro.TryReadIndex(Kinds.Length, out var kind)
                    || !MetricSampleTranscoder.TryReadTags(ref avro, body, pointTags, out var pointTagCount)
                    || !avro.TryReadIndex(2, out var timeBranch))
                {
                    return false;
                }

                var time = batchTime;
                if (timeBranch == 1 && (!avro.TryReadLong(out time) || !ColumnValues.IsTime(time)))
                {
                    return false;
                }

                if (!avro.TryReadBoolean(out var gap) || !avro.TryReadBoolean(out var forwardFilled))
                {
                    return false;
                }

                if (output is null)
                {
                    continue;
                }

                output.WriteInt64(time);
                output.WriteString(host);
                output.WriteString(metric);
                output.WriteRaw(value);
                output.WriteNullFlag(rawBranch == 0);
                output.WriteRaw(rawValue);

                output.WriteString(unit);
                output.WriteRaw(Kinds[kind]);
                WriteTags(output, body, hostTags[..(hostTagCount * 4)], pointTags[..(pointTagCount * 4)]);
                output.WriteRaw(Sources[source]);
                output.WriteUInt32((uint)intervalMs);
                output.WriteBool(gap);
                output.WriteBool(forwardFilled);
                output.WriteBool(normalised);
                output.EndRow();
            }
        }

        return avro.TryReadBoolean(out normalisedRead) && avro.AtEnd;
    }

    /// <summary>
    /// The series tags as <see cref="Streams.Schemas.Metrics.MetricBatches.SeriesTags"/> builds
    /// them: host tags in their order, each replaced by the point's value of the same key, then
    /// the point's other tags in theirs.
    /// </summary>
    private static void WriteTags(RowBinaryBuffer output, ReadOnlySpan<byte> body, ReadOnlySpan<int> host, ReadOnlySpan<int> point)
    {
        var overlaps = 0;
        for (var p = 0; p < point.Length; p += 4)
        {
            overlaps += IndexOf(body, host, body.Slice(point[p], point[p + 1])) >= 0 ? 1 : 0;
        }

        output.WriteVarUInt((ulong)(((host.Length + point.Length) / 4) - overlaps));
        for (var h = 0; h < host.Length; h += 4)
        {
            var key = body.Slice(host[h], host[h + 1]);
            var own = IndexOf(body, point, key);
            output.WriteString(key);
            output.WriteString(own >= 0 ? body.Slice(point[own + 2], point[own + 3]) : body.Slice(host[h + 2], host[h + 3]));
        }

        for (var p = 0; p < point.Length; p += 4)
        {
            var key = body.Slice(point[p], point[p + 1]);
            if (IndexOf(body, host, key) < 0)
            {
                output.WriteString(key);
                output.WriteString(body.Slice(point[p + 2], point[p + 3]));
            }
        }
    }

    private static int IndexOf(ReadOnlySpan<byte> body, ReadOnlySpan<int> tags, ReadOnlySpan<byte> key)
    {
        for (var i = 0; i < tags.Length; i += 4)
        {
            if (body.Slice(tags[i], tags[i + 1]).SequenceEqual(key))
            {
                return i;
            }
        }

        return -1;
    }

    private static string PointSchema()
    {
        var batch = (RecordSchema)Schema.Parse(WrittenFor);
        return ((ArraySchema)batch.Fields.Single(f => f.Name == "points").Schema).ItemSchema.ToString();
    }
}
