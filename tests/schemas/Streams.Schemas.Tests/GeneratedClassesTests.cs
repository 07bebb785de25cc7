using Avro;
using Avro.Specific;
using Streams.Schemas.Generator;

namespace Streams.Schemas.Tests;

public sealed class GeneratedClassesTests
{
    private const string ResourcePrefix = "Generated/";

    public static TheoryData<string> RecordNames => [.. AvroSchemas.Names];

    [Fact]
    public void Generate_FromCommittedAvsc_EqualsCommittedClasses()
    {
        var generated = AvroClassGenerator.Generate(AvroSchemas.Names.Select(AvroSchemas.GetText));
        var committed = CommittedFiles();

        // If this fails: dotnet run --project schemas/Streams.Schemas.Generator
        Assert.Equal(generated.Select(g => g.FileName), committed.Keys.Order(StringComparer.Ordinal));
        Assert.All(generated, g => Assert.True(committed[g.FileName] == g.Content, $"{g.FileName} is out of date with the .avsc files"));
    }

    [Theory]
    [MemberData(nameof(RecordNames))]
    public void Schema_EachGeneratedClass_EqualsParsedAvsc(string name)
    {
        var record = (ISpecificRecord)Activator.CreateInstance(typeof(io.streams.avro.MetricSample).Assembly.GetType($"io.streams.avro.{name}", throwOnError: true)!)!;
        var parsed = AvroSchemas.Get(name);

        Assert.Equal(parsed, record.Schema);
        Assert.Equal(parsed.ToString(), record.Schema.ToString());
        Assert.Equal(parsed.Fullname, record.GetType().FullName);
    }

    [Fact]
    public void Generate_SharedTypeDefinedDifferently_ThrowsNamingTheType()
    {
        const string a = """{"type":"record","name":"A","namespace":"x","doc":"a","fields":[{"name":"w","doc":"w","type":{"type":"record","name":"W","fields":[{"name":"s","type":"long"}]}}]}""";
        const string b = """{"type":"record","name":"B","namespace":"x","doc":"b","fields":[{"name":"w","doc":"w","type":{"type":"record","name":"W","fields":[{"name":"s","type":"int"}]}}]}""";

        var error = Assert.Throws<CodeGenException>(() => AvroClassGenerator.Generate([a, b]));

        Assert.Contains("x.W", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_NonEmptyArrayDefault_ThrowsInsteadOfDroppingIt()
    {
        const string schema = """{"type":"record","name":"A","namespace":"x","fields":[{"name":"xs","type":{"type":"array","items":"int"},"default":[1]}]}""";

        var error = Assert.Throws<CodeGenException>(() => AvroClassGenerator.Generate([schema]));

        Assert.Contains("x.A.xs", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> CommittedFiles()
    {
        var assembly = typeof(GeneratedClassesTests).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            files.Add(resource[ResourcePrefix.Length..], reader.ReadToEnd());
        }

        return files;
    }
}
