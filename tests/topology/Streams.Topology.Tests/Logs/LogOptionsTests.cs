using io.streams.avro;
using Streamiz.Kafka.Net;
using Streams.Topology.Logs.Templates;
using Streams.Topology.Logs.Window;
using Streams.Topology.Serdes;
using Streams.Topology.Tests.Serdes;

namespace Streams.Topology.Tests.Logs;

public sealed class LogOptionsTests
{
    public static TheoryData<LogTemplateOptions> BadMining =>
    [
        new() { SimilarityThreshold = 0 },
        new() { SimilarityThreshold = 1.5 },
        new() { Depth = 2 },
        new() { MaxChildren = 1 },
        new() { MaxTemplatesPerApp = 0 },
        new() { MaxTokens = 1 },
    ];

    public static TheoryData<LogWindowOptions> BadWindowing =>
    [
        new() { Size = TimeSpan.FromMilliseconds(500) },
        new() { Grace = TimeSpan.FromSeconds(-1) },
        new() { SilentHostTimeout = TimeSpan.Zero },
    ];

    [Theory]
    [MemberData(nameof(BadMining))]
    public void MineLogTemplatesBuild_InvalidOptions_Throws(LogTemplateOptions options)
    {
        using var registry = new InMemorySchemaRegistryClient();

        Assert.Throws<ArgumentException>(() => MineLogTemplates.Build(new StreamBuilder(), new SchemaAvroSerDes<LogRecord>(registry), options));
    }

    [Theory]
    [MemberData(nameof(BadWindowing))]
    public void WindowLogsBuild_InvalidOptions_Throws(LogWindowOptions options)
    {
        using var registry = new InMemorySchemaRegistryClient();

        Assert.Throws<ArgumentException>(() => WindowLogs.Build(new StreamBuilder(), new SchemaAvroSerDes<LogRecord>(registry), new SchemaAvroSerDes<LogWindow>(registry), options));
    }
}
