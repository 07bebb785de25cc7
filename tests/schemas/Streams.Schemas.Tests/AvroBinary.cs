using Avro;
using Avro.Generic;
using Avro.IO;
using Avro.Specific;

namespace Streams.Schemas.Tests;

/// <summary>Plain Avro binary encoding (no registry framing) through Apache.Avro's datum readers and writers.</summary>
internal static class AvroBinary
{
    public static byte[] Write(ISpecificRecord record)
    {
        using var stream = new MemoryStream();
        new SpecificDatumWriter<ISpecificRecord>(record.Schema).Write(record, new BinaryEncoder(stream));
        return stream.ToArray();
    }

    public static byte[] WriteGeneric(GenericRecord record)
    {
        using var stream = new MemoryStream();
        new GenericDatumWriter<GenericRecord>(record.Schema).Write(record, new BinaryEncoder(stream));
        return stream.ToArray();
    }

    public static T Read<T>(byte[] bytes, Schema writerSchema, Schema readerSchema)
        where T : ISpecificRecord
    {
        using var stream = new MemoryStream(bytes);
        return new SpecificDatumReader<T>(writerSchema, readerSchema).Read(default!, new BinaryDecoder(stream));
    }
}
