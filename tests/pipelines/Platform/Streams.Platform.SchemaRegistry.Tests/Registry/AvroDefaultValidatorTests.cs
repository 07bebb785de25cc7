using Avro;
using Streams.Platform.SchemaRegistry.Registry;

namespace Streams.Platform.SchemaRegistry.Tests.Registry;

public sealed class AvroDefaultValidatorTests
{
    [Theory]
    [InlineData("\"int\"", "42")]
    [InlineData("\"long\"", "9007199254740993")]
    [InlineData("\"double\"", "1")]
    [InlineData("\"float\"", "1.5")]
    [InlineData("\"string\"", "\"x\"")]
    [InlineData("\"bytes\"", "\"\\u00ff\"")]
    [InlineData("\"boolean\"", "true")]
    [InlineData("[\"null\",\"string\"]", "null")]
    [InlineData("[\"null\",\"string\"]", "\"x\"")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A","B"]}""", "\"B\"")]
    [InlineData("""{"type":"fixed","name":"F","size":2}""", "\"ab\"")]
    [InlineData("""{"type":"array","items":"int"}""", "[1,2]")]
    [InlineData("""{"type":"map","values":"string"}""", """{"k":"v"}""")]
    [InlineData("""{"type":"record","name":"In","fields":[{"name":"a","type":"int"},{"name":"b","type":"int","default":0}]}""", """{"a":1}""")]
    [InlineData("""{"type":"long","logicalType":"timestamp-millis"}""", "0")]
    public void Validate_DefaultFitsType_ReportsNothing(string type, string value)
    {
        Assert.Empty(AvroDefaultValidator.Validate(WithDefault(type, value)));
    }

    [Theory]
    [InlineData("\"int\"", "\"x\"")]
    [InlineData("\"int\"", "3000000000")]
    [InlineData("\"long\"", "1.5")]
    [InlineData("\"string\"", "1")]
    [InlineData("\"boolean\"", "\"true\"")]
    [InlineData("\"null\"", "0")]
    [InlineData("[\"null\",\"string\"]", "1")]
    [InlineData("""{"type":"fixed","name":"F","size":2}""", "\"abc\"")]
    [InlineData("""{"type":"array","items":"int"}""", "[\"a\"]")]
    [InlineData("""{"type":"map","values":"string"}""", """{"k":1}""")]
    [InlineData("""{"type":"record","name":"In","fields":[{"name":"a","type":"int"}]}""", "{}")]
    public void Validate_DefaultDoesNotFit_NamesTheField(string type, string value)
    {
        var problem = Assert.Single(AvroDefaultValidator.Validate(WithDefault(type, value)));

        Assert.Contains("'f'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NestedAndRecursiveRecords_ChecksEachFieldOnce()
    {
        var schema = Schema.Parse("""
            {"type":"record","name":"Node","fields":[
              {"name":"next","type":["null","Node"],"default":null},
              {"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"n","type":"int","default":"bad"}]}},
              {"name":"again","type":"Inner"}]}
            """);

        var problem = Assert.Single(AvroDefaultValidator.Validate(schema));
        Assert.Contains("'n'", problem, StringComparison.Ordinal);
    }

    private static Schema WithDefault(string type, string value) =>
        Schema.Parse($$"""{"type":"record","name":"R","fields":[{"name":"f","type":{{type}},"default":{{value}}}]}""");
}
