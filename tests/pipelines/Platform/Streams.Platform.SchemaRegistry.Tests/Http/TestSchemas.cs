namespace Streams.Platform.SchemaRegistry.Tests.Http;

/// <summary>Schemas the REST and client tests register.</summary>
internal static class TestSchemas
{
    public const string SampleV1 = """{"type":"record","name":"Sample","namespace":"io.streams.test","fields":[{"name":"host","type":"string"},{"name":"value","type":"double"}]}""";

    // SampleV1 with other whitespace and key order: the same schema.
    public const string SampleV1Reformatted = """
        {
          "namespace": "io.streams.test", "type": "record", "name": "Sample",
          "fields": [ { "type": "string", "name": "host" }, { "name": "value", "type": "double" } ]
        }
        """;

    public const string SampleV2 = """{"type":"record","name":"Sample","namespace":"io.streams.test","fields":[{"name":"host","type":"string"},{"name":"value","type":"double"},{"name":"unit","type":"string","default":""}]}""";

    // Adds a field without a default: new readers cannot read old data (BACKWARD fails).
    public const string SampleRequiredField = """{"type":"record","name":"Sample","namespace":"io.streams.test","fields":[{"name":"host","type":"string"},{"name":"value","type":"double"},{"name":"rack","type":"string"}]}""";

    public const string Other = """{"type":"record","name":"Other","namespace":"io.streams.test","fields":[{"name":"id","type":"long"}]}""";
}
