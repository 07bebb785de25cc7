using Avro;

namespace Streams.Schemas.Tests;

public sealed class SchemaContractTests
{
    public static TheoryData<string> RecordNames => [.. AvroSchemas.Names];

    [Fact]
    public void Names_Contract_ListsTheTopicRecords()
    {
        Assert.Equal(
            ["Alert", "Anomaly", "DashboardNotification", "Forecast", "LogRecord", "LogWindow", "MetricBatch", "MetricSample", "MetricWindow", "Notification"],
            AvroSchemas.Names);
    }

    [Theory]
    [MemberData(nameof(RecordNames))]
    public void Get_EachAvsc_ParsesToRecordInContractNamespace(string name)
    {
        var schema = AvroSchemas.Get(name);

        Assert.Equal($"io.streams.avro.{name}", schema.Fullname);
        Assert.Same(schema, AvroSchemas.Get(schema.Fullname));
        Assert.Equal(schema, Schema.Parse(schema.ToString()));
    }

    [Fact]
    public void Get_UnknownName_ThrowsNamingTheKnownRecords()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => AvroSchemas.Get("io.streams.avro.Nope"));

        Assert.Contains("MetricSample", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RecordNames))]
    public void Docs_EveryRecordEnumAndField_IsDocumented(string name)
    {
        foreach (var named in SchemaWalker.NamedTypes(AvroSchemas.Get(name)))
        {
            Assert.False(string.IsNullOrWhiteSpace(named.Documentation), $"{named.Fullname} has no doc");
            if (named is RecordSchema record)
            {
                Assert.All(record.Fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Documentation), $"{record.Fullname}.{f.Name} has no doc"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(RecordNames))]
    public void Timestamps_EveryTimeField_IsTimestampMillis(string name)
    {
        var timeFields = SchemaWalker.Fields(AvroSchemas.Get(name))
            .Where(f => f.Field.Name is "timestamp" or "start" or "end" || f.Field.Name.EndsWith("At", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(timeFields);
        Assert.All(timeFields, f =>
        {
            var logical = Assert.IsType<LogicalSchema>(SchemaWalker.NonNull(f.Field.Schema), exactMatch: false);
            Assert.Equal("timestamp-millis", logical.LogicalTypeName);
        });
    }

    [Theory]
    [MemberData(nameof(RecordNames))]
    public void Enums_EveryEnum_HasADefaultSymbolForUnknownValues(string name)
    {
        foreach (var e in SchemaWalker.NamedTypes(AvroSchemas.Get(name)).OfType<EnumSchema>())
        {
            Assert.NotNull(e.Default);
            Assert.Contains(e.Default, e.Symbols);
        }
    }

    [Theory]
    [MemberData(nameof(RecordNames))]
    public void Nullables_EveryOptionalField_DefaultsToNull(string name)
    {
        var nullable = SchemaWalker.Fields(AvroSchemas.Get(name)).Where(f => f.Field.Schema is UnionSchema).ToList();

        Assert.All(nullable, f =>
        {
            var union = (UnionSchema)f.Field.Schema;
            Assert.Equal(Schema.Type.Null, union.Schemas[0].Tag);
            Assert.Equal(2, union.Count);
            Assert.NotNull(f.Field.DefaultValue);
            Assert.Equal(Newtonsoft.Json.Linq.JTokenType.Null, f.Field.DefaultValue.Type);
        });
    }

    [Fact]
    public void SharedTypes_DefinedInSeveralSchemas_AreIdenticalCopies()
    {
        var definitions = AvroSchemas.Names
            .SelectMany(n => SchemaWalker.NamedTypes(AvroSchemas.Get(n)))
            .GroupBy(t => t.Fullname)
            .Where(g => g.Count() > 1)
            .ToList();

        Assert.Contains(definitions, g => g.Key == "io.streams.avro.TimeWindow");
        Assert.Contains(definitions, g => g.Key == "io.streams.avro.Severity");
        Assert.All(definitions, g => Assert.Single(g.Select(t => t.ToString()).Distinct()));
    }
}
