using Avro.Specific;

namespace Streams.Schemas.Tests;

public sealed class RoundTripTests
{
    public static TheoryData<string> Names => SampleRecords.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void SpecificDatumReader_RecordWrittenBySpecificWriter_ReadsBackEqual(string name)
    {
        var record = SampleRecords.All[name];

        var bytes = AvroBinary.Write(record);
        var read = AvroBinary.Read<ISpecificRecord>(bytes, record.Schema, record.Schema);

        Assert.IsType(record.GetType(), read);
        RecordAssert.Equal(record, read);
    }

    [Fact]
    public void SampleRecords_CoverEveryContractRecord()
    {
        Assert.Equal(AvroSchemas.Names, SampleRecords.All.Keys.Order(StringComparer.Ordinal));
    }
}
