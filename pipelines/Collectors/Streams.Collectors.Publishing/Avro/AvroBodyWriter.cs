using Avro.IO;
using Avro.Specific;

namespace Streams.Collectors.Publishing.Avro;

/// <summary>
/// Encodes a record's Avro binary body (no wire header) into a reused buffer. The spool keeps
/// bodies, not whole Confluent frames, so records can be spooled while the Schema Registry is
/// unreachable; the schema id is put in front when the record is produced.
/// </summary>
internal sealed class AvroBodyWriter<T> : IDisposable
    where T : ISpecificRecord
{
    private readonly MemoryStream _stream = new(1024);
    private readonly BinaryEncoder _encoder;
    private readonly SpecificDefaultWriter _writer;

    public AvroBodyWriter(global::Avro.Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _encoder = new BinaryEncoder(_stream);
        _writer = new SpecificDefaultWriter(schema);
    }

    /// <summary>The body of <paramref name="record"/>, valid until the next call.</summary>
    public ReadOnlySpan<byte> Write(T record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _stream.SetLength(0);
        _writer.Write(record, _encoder);
        _encoder.Flush();
        return _stream.GetBuffer().AsSpan(0, (int)_stream.Length);
    }

    public void Dispose() => _stream.Dispose();
}
