using Avro;
using Streams.Platform.SchemaRegistry.Compatibility;

namespace Streams.Platform.SchemaRegistry.Tests.Compatibility;

public sealed class AvroCompatibilityCheckerTests
{
    [Fact]
    public void Check_SameRecord_IsCompatible()
    {
        var schema = Record("""{"name":"a","type":"int"},{"name":"b","type":"string"}""");

        Assert.Empty(AvroCompatibilityChecker.Check(schema, Record("""{"name":"a","type":"int"},{"name":"b","type":"string"}""")));
    }

    [Fact]
    public void Check_ReaderAddsFieldWithDefault_IsCompatible()
    {
        var reader = Record("""{"name":"a","type":"int"},{"name":"b","type":"string","default":"x"}""");

        Assert.Empty(AvroCompatibilityChecker.Check(reader, Record("""{"name":"a","type":"int"}""")));
    }

    [Fact]
    public void Check_ReaderAddsNullableFieldWithNullDefault_IsCompatible()
    {
        var reader = Record("""{"name":"a","type":"int"},{"name":"b","type":["null","string"],"default":null}""");

        Assert.Empty(AvroCompatibilityChecker.Check(reader, Record("""{"name":"a","type":"int"}""")));
    }

    [Fact]
    public void Check_ReaderAddsFieldWithoutDefault_NamesTheField()
    {
        var reader = Record("""{"name":"a","type":"int"},{"name":"added","type":"string"}""");

        var reason = Assert.Single(AvroCompatibilityChecker.Check(reader, Record("""{"name":"a","type":"int"}""")));
        Assert.Contains("'added'", reason, StringComparison.Ordinal);
        Assert.Contains("no default", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ReaderDropsWriterField_IsCompatible()
    {
        var writer = Record("""{"name":"a","type":"int"},{"name":"gone","type":"string"}""");

        Assert.Empty(AvroCompatibilityChecker.Check(Record("""{"name":"a","type":"int"}"""), writer));
    }

    [Theory]
    [InlineData("long", "int")]
    [InlineData("float", "int")]
    [InlineData("float", "long")]
    [InlineData("double", "int")]
    [InlineData("double", "long")]
    [InlineData("double", "float")]
    [InlineData("string", "bytes")]
    [InlineData("bytes", "string")]
    public void Check_AllowedPromotion_IsCompatible(string reader, string writer)
    {
        Assert.Empty(AvroCompatibilityChecker.Check(Schema.Parse($"\"{reader}\""), Schema.Parse($"\"{writer}\"")));
    }

    [Theory]
    [InlineData("int", "long")]
    [InlineData("long", "float")]
    [InlineData("float", "double")]
    [InlineData("int", "string")]
    [InlineData("boolean", "int")]
    [InlineData("string", "null")]
    public void Check_NarrowingOrUnrelatedPrimitive_IsIncompatible(string reader, string writer)
    {
        var reason = Assert.Single(AvroCompatibilityChecker.Check(Schema.Parse($"\"{reader}\""), Schema.Parse($"\"{writer}\"")));
        Assert.Contains($"'{reader}'", reason, StringComparison.Ordinal);
        Assert.Contains($"'{writer}'", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FieldTypeNarrowed_ReportsFieldPath()
    {
        var reason = Assert.Single(AvroCompatibilityChecker.Check(
            Record("""{"name":"count","type":"int"}"""), Record("""{"name":"count","type":"long"}""")));

        Assert.Contains("/fields/count", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EnumWriterHasSymbolReaderLacks_IsIncompatibleWithoutDefault()
    {
        var reader = Schema.Parse("""{"type":"enum","name":"Level","symbols":["LOW","HIGH"]}""");
        var writer = Schema.Parse("""{"type":"enum","name":"Level","symbols":["LOW","HIGH","CRITICAL"]}""");

        var reason = Assert.Single(AvroCompatibilityChecker.Check(reader, writer));
        Assert.Contains("CRITICAL", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EnumWriterHasSymbolReaderLacks_IsCompatibleWithReaderDefault()
    {
        var reader = Schema.Parse("""{"type":"enum","name":"Level","symbols":["UNKNOWN","LOW","HIGH"],"default":"UNKNOWN"}""");
        var writer = Schema.Parse("""{"type":"enum","name":"Level","symbols":["LOW","HIGH","CRITICAL"]}""");

        Assert.Empty(AvroCompatibilityChecker.Check(reader, writer));
    }

    [Fact]
    public void Check_EnumReaderAddsSymbol_IsCompatible()
    {
        var reader = Schema.Parse("""{"type":"enum","name":"Level","symbols":["LOW","HIGH","CRITICAL"]}""");
        var writer = Schema.Parse("""{"type":"enum","name":"Level","symbols":["LOW","HIGH"]}""");

        Assert.Empty(AvroCompatibilityChecker.Check(reader, writer));
    }

    [Fact]
    public void Check_EnumWithOtherName_IsIncompatible()
    {
        var reader = Schema.Parse("""{"type":"enum","name":"Level","symbols":["LOW"]}""");
        var writer = Schema.Parse("""{"type":"enum","name":"Severity","symbols":["LOW"]}""");

        Assert.Single(AvroCompatibilityChecker.Check(reader, writer));
    }

    [Fact]
    public void Check_WriterUnionBranchUnreadable_IsIncompatible()
    {
        var reason = Assert.Single(AvroCompatibilityChecker.Check(Schema.Parse("\"string\""), Schema.Parse("""["null","string"]""")));

        Assert.Contains("'null'", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ReaderUnionContainsWriterType_IsCompatible()
    {
        Assert.Empty(AvroCompatibilityChecker.Check(Schema.Parse("""["null","string"]"""), Schema.Parse("\"string\"")));
    }

    [Fact]
    public void Check_ReaderUnionPromotesWriterBranches_IsCompatible()
    {
        Assert.Empty(AvroCompatibilityChecker.Check(Schema.Parse("""["null","long","string"]"""), Schema.Parse("""["null","int","bytes"]""")));
    }

    [Fact]
    public void Check_ReaderUnionWithoutMatchingBranch_IsIncompatible()
    {
        var reason = Assert.Single(AvroCompatibilityChecker.Check(Schema.Parse("""["null","int"]"""), Schema.Parse("\"long\"")));

        Assert.Contains("union", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ArrayItemsPromoted_IsCompatible()
    {
        Assert.Empty(AvroCompatibilityChecker.Check(
            Schema.Parse("""{"type":"array","items":"long"}"""), Schema.Parse("""{"type":"array","items":"int"}""")));
    }

    [Fact]
    public void Check_ArrayItemsNarrowed_ReportsItemsPath()
    {
        var reason = Assert.Single(AvroCompatibilityChecker.Check(
            Schema.Parse("""{"type":"array","items":"int"}"""), Schema.Parse("""{"type":"array","items":"long"}""")));

        Assert.Contains("/items", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MapValuesPromotedOrNarrowed_FollowsValueRule()
    {
        Assert.Empty(AvroCompatibilityChecker.Check(
            Schema.Parse("""{"type":"map","values":"double"}"""), Schema.Parse("""{"type":"map","values":"float"}""")));
        var reason = Assert.Single(AvroCompatibilityChecker.Check(
            Schema.Parse("""{"type":"map","values":"float"}"""), Schema.Parse("""{"type":"map","values":"double"}""")));
        Assert.Contains("/values", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ArrayReadingMap_IsIncompatible()
    {
        Assert.Single(AvroCompatibilityChecker.Check(
            Schema.Parse("""{"type":"array","items":"int"}"""), Schema.Parse("""{"type":"map","values":"int"}""")));
    }

    [Fact]
    public void Check_FixedSameNameAndSize_IsCompatible()
    {
        Assert.Empty(AvroCompatibilityChecker.Check(
            Schema.Parse("""{"type":"fixed","name":"Hash","size":16}"""), Schema.Parse("""{"type":"fixed","name":"Hash","size":16}""")));
    }

    [Fact]
    public void Check_FixedOtherSize_ReportsBothSizes()
    {
        var reason = Assert.Single(AvroCompatibilityChecker.Check(
            Schema.Parse("""{"type":"fixed","name":"Hash","size":16}"""), Schema.Parse("""{"type":"fixed","name":"Hash","size":32}""")));

        Assert.Contains("16", reason, StringComparison.Ordinal);
        Assert.Contains("32", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FixedOtherName_IsIncompatible()
    {
        Assert.Single(AvroCompatibilityChecker.Check(
            Schema.Parse("""{"type":"fixed","name":"Hash","size":16}"""), Schema.Parse("""{"type":"fixed","name":"Uuid","size":16}""")));
    }

    [Fact]
    public void Check_NestedRecordFieldWithoutDefault_ReportsNestedPath()
    {
        var reader = Record("""{"name":"host","type":{"type":"record","name":"Host","fields":[{"name":"name","type":"string"},{"name":"rack","type":"string"}]}}""");
        var writer = Record("""{"name":"host","type":{"type":"record","name":"Host","fields":[{"name":"name","type":"string"}]}}""");

        var reason = Assert.Single(AvroCompatibilityChecker.Check(reader, writer));
        Assert.Contains("/fields/host/fields/rack", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NamedTypeReusedByReference_IsCompatible()
    {
        var fields = """{"name":"from","type":{"type":"record","name":"Point","fields":[{"name":"x","type":"int"}]}},{"name":"to","type":"Point"}""";
        var widened = """{"name":"from","type":{"type":"record","name":"Point","fields":[{"name":"x","type":"long"}]}},{"name":"to","type":"Point"}""";

        Assert.Empty(AvroCompatibilityChecker.Check(Record(widened), Record(fields)));
        Assert.Equal(2, AvroCompatibilityChecker.Check(Record(fields), Record(widened)).Count);
    }

    [Fact]
    public void Check_RecursiveRecord_TerminatesAndFindsTheDifference()
    {
        const string Node = """{"type":"record","name":"Node","fields":[{"name":"value","type":"int"},{"name":"next","type":["null","Node"],"default":null}]}""";
        const string WideNode = """{"type":"record","name":"Node","fields":[{"name":"value","type":"long"},{"name":"next","type":["null","Node"],"default":null}]}""";

        Assert.Empty(AvroCompatibilityChecker.Check(Schema.Parse(Node), Schema.Parse(Node)));
        Assert.Empty(AvroCompatibilityChecker.Check(Schema.Parse(WideNode), Schema.Parse(Node)));
        Assert.NotEmpty(AvroCompatibilityChecker.Check(Schema.Parse(Node), Schema.Parse(WideNode)));
    }

    [Fact]
    public void Check_RecordRenamedWithAlias_IsCompatible()
    {
        var reader = Schema.Parse("""{"type":"record","name":"Sample","namespace":"io.streams","aliases":["io.streams.OldSample"],"fields":[{"name":"a","type":"int"}]}""");
        var writer = Schema.Parse("""{"type":"record","name":"OldSample","namespace":"io.streams","fields":[{"name":"a","type":"int"}]}""");

        Assert.Empty(AvroCompatibilityChecker.Check(reader, writer));
    }

    [Fact]
    public void Check_RecordRenamedWithoutAlias_IsIncompatible()
    {
        var reader = Schema.Parse("""{"type":"record","name":"Sample","fields":[{"name":"a","type":"int"}]}""");
        var writer = Schema.Parse("""{"type":"record","name":"OldSample","fields":[{"name":"a","type":"int"}]}""");

        Assert.Single(AvroCompatibilityChecker.Check(reader, writer));
    }

    [Fact]
    public void Check_FieldRenamedWithAlias_IsCompatible()
    {
        var reader = Record("""{"name":"value","type":"double","aliases":["reading"]}""");

        Assert.Empty(AvroCompatibilityChecker.Check(reader, Record("""{"name":"reading","type":"double"}""")));
    }

    [Fact]
    public void Check_LogicalTypeOverPlainBase_IsCompatible()
    {
        Assert.Empty(AvroCompatibilityChecker.Check(
            Schema.Parse("""{"type":"long","logicalType":"timestamp-millis"}"""), Schema.Parse("\"long\"")));
    }

    [Fact]
    public void Check_OtherLogicalTypeOnSameBase_IsIncompatible()
    {
        var reason = Assert.Single(AvroCompatibilityChecker.Check(
            Schema.Parse("""{"type":"long","logicalType":"timestamp-millis"}"""), Schema.Parse("""{"type":"long","logicalType":"timestamp-micros"}""")));

        Assert.Contains("timestamp-micros", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DecimalWithOtherScale_IsIncompatible()
    {
        var reason = Assert.Single(AvroCompatibilityChecker.Check(
            Schema.Parse("""{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}"""),
            Schema.Parse("""{"type":"bytes","logicalType":"decimal","precision":9,"scale":4}""")));

        Assert.Contains("scale", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DateReadAsTimestamp_FollowsBaseTypes()
    {
        // date is an int, timestamp-millis a long: the annotations differ, so it is refused even
        // though the base types would promote.
        Assert.NotEmpty(AvroCompatibilityChecker.Check(
            Schema.Parse("""{"type":"long","logicalType":"timestamp-millis"}"""), Schema.Parse("""{"type":"int","logicalType":"date"}""")));
    }

    private static Schema Record(string fields) =>
        Schema.Parse($$"""{"type":"record","name":"Sample","namespace":"io.streams","fields":[{{fields}}]}""");
}
