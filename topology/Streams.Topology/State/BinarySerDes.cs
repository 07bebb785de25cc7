using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace Streams.Topology.State;

/// <summary>
/// A state-store SerDes over a compact, versioned binary layout. Store values are private to
/// their topology (the changelog is not a contract), so they skip Avro and the registry: one
/// byte of version, then the fields. A SerDes whose layout changes raises <see cref="Version"/>
/// and reads the older layouts, still in its changelog, in <see cref="ReadOlder"/>.
/// </summary>
internal abstract class BinarySerDes<T> : AbstractSerDes<T>
    where T : class
{
    /// <summary>The layout version this SerDes writes.</summary>
    protected virtual byte Version => 1;

    public override byte[] Serialize(T data, SerializationContext context)
    {
        if (data is null)
        {
            return null!;
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(Version);
            Write(writer, data);
        }

        return buffer.ToArray();
    }

    public override T Deserialize(byte[] data, SerializationContext context)
    {
        if (data is null)
        {
            return null!;
        }

        using var reader = new BinaryReader(new MemoryStream(data));
        var version = reader.ReadByte();
        return version == Version ? Read(reader) : ReadOlder(version, reader);
    }

    protected abstract void Write(BinaryWriter writer, T value);

    protected abstract T Read(BinaryReader reader);

    /// <summary>Reads a value written in an older layout version; none is readable unless overridden.</summary>
    protected virtual T ReadOlder(byte version, BinaryReader reader) =>
        throw new InvalidDataException($"{GetType().Name}: state written with layout version {version}, this build reads {Version}.");
}
