using Avro;
using Avro.Specific;

namespace Streams.Schemas.Serdes;

/// <summary>
/// Apache.Avro's specific reader with one check it skips: when writer and reader declare the
/// same enum it casts the index it reads without a range check, so a corrupt body yields an
/// undefined enum value (a kind of "9") that flows on as if it were data. Here such an index is
/// an <see cref="AvroException"/>, which <see cref="AvroWireDeserializer{T}"/> reports as
/// unreadable, so the record is dead-lettered instead.
/// </summary>
internal sealed class CheckedDatumReader<T>(Avro.Schema writerSchema, Avro.Schema readerSchema) : SpecificDatumReader<T>(writerSchema, readerSchema)
{
    protected override EnumAccess GetEnumAccess(EnumSchema readerSchema)
    {
        ArgumentNullException.ThrowIfNull(readerSchema);
        return new RangeCheckedEnumAccess(base.GetEnumAccess(readerSchema), readerSchema);
    }

    private sealed class RangeCheckedEnumAccess(EnumAccess inner, EnumSchema schema) : EnumAccess
    {
        public object CreateEnum(object reuse, int ordinal) =>
            (uint)ordinal < (uint)schema.Count
                ? inner.CreateEnum(reuse, ordinal)
                : throw new AvroException($"Enum {schema.Fullname} has {schema.Count} symbols; index {ordinal} is out of range.");
    }
}
