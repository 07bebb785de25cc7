using Streams.Platform.SchemaRegistry.Storage;

namespace Streams.Platform.SchemaRegistry.Tests.Storage;

public sealed class RegistryRecordCodecTests
{
    [Fact]
    public void Encode_Schema_UsesConfluentKeyAndValueLayout()
    {
        var record = RegistryRecordCodec.Encode(new SchemaChange("s-value", 3, 7, "\"string\"", null, false));

        Assert.Equal("""{"keytype":"SCHEMA","subject":"s-value","version":3,"magic":1}""", record.Key);
        Assert.Equal("""{"subject":"s-value","version":3,"id":7,"schema":"\"string\"","deleted":false}""", record.Value);
    }

    [Fact]
    public void Encode_Tombstone_HasNullValue()
    {
        var record = RegistryRecordCodec.Encode(new SchemaChange("s", 1, 1, null, null, false));

        Assert.Null(record.Value);
        Assert.Equal(new SchemaChange("s", 1, 0, null, null, false), RegistryRecordCodec.Decode(record));
    }

    [Fact]
    public void Encode_GlobalAndSubjectConfig_UsesConfluentLayout()
    {
        var global = RegistryRecordCodec.Encode(new ConfigChange(null, "FULL"));
        var subject = RegistryRecordCodec.Encode(new ConfigChange("s", null));

        Assert.Equal(("""{"keytype":"CONFIG","subject":null,"magic":0}""", """{"compatibilityLevel":"FULL"}"""), (global.Key, global.Value));
        Assert.Equal(("""{"keytype":"CONFIG","subject":"s","magic":0}""", (string?)null), (subject.Key, subject.Value));
    }

    [Fact]
    public void Decode_RecordWrittenByConfluent_ReadsSchemaTypeAndDeleted()
    {
        var record = new StoredRecord(
            """{"keytype":"SCHEMA","subject":"t-value","version":2,"magic":1}""",
            """{"subject":"t-value","version":2,"id":12,"schemaType":"PROTOBUF","schema":"syntax = \"proto3\";","deleted":true,"metadata":null}""");

        Assert.Equal(new SchemaChange("t-value", 2, 12, "syntax = \"proto3\";", "PROTOBUF", true), RegistryRecordCodec.Decode(record));
    }

    [Theory]
    [InlineData("""{"keytype":"NOOP","magic":0}""")]
    [InlineData("""{"keytype":"DELETE_SUBJECT","subject":"s","magic":0}""")]
    public void Decode_KeyTypeNotUsedHere_IsIgnored(string key)
    {
        Assert.Null(RegistryRecordCodec.Decode(new StoredRecord(key, "{}")));
    }

    [Theory]
    [InlineData("""{"keytype":"SCHEMA","version":1,"magic":1}""")]
    [InlineData("not json")]
    public void Decode_MalformedKey_ThrowsJsonException(string key)
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => RegistryRecordCodec.Decode(new StoredRecord(key, "{}")));
    }
}
