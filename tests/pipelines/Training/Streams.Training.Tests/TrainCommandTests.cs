using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Spectre.Console.Testing;
using Streams.Platform.Kafka;
using Streams.Schemas.Topics;
using Streams.Scoring.Artifacts;

namespace Streams.Training.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string output = Path.Combine(Path.GetTempPath(), "streams-train-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Train_SmdMachine_WritesArtifactAndAnnouncesItOnTheModelsTopic()
    {
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        kafka.CreateTopics([TopicCatalogue.Models]);
        var console = new TestConsole();

        var exit = await Run(console, kafka.BootstrapServers, "--from", "smd", "--data", SmdFixture.Directory, "--machine", SmdFixture.Machine, "--out", output, "--seed", "7");

        Assert.True(exit == 0, console.Output);
        var (key, value) = ReadAnnouncement(kafka.BootstrapServers);
        Assert.Equal("host/machine-9-1", key);
        var announced = ModelMetadata.FromJson(value);
        Assert.Equal("machine-9-1", announced.Host);
        Assert.Equal(["col1", "col2", "col3"], announced.FeatureNames);
        Assert.Equal(80, announced.TrainingRows);
        Assert.Equal(7, announced.Seed);
        Assert.Equal("smd:machine-9-1", announced.Source);
        Assert.True(announced.Evaluation.ContainsKey("heldOutAlarmRate"));
        var (saved, model) = ModelArtifactStore.Read(announced.ArtifactPath!);
        Assert.Equal(announced.Version, saved.Version);
        Assert.StartsWith(Path.GetFullPath(output), announced.ArtifactPath, StringComparison.Ordinal);
        Assert.Equal(announced.Threshold, HostDetectorArtifact.Deserialize(model).Threshold);
    }

    [Fact]
    public async Task Train_SameSmdMachineAndSeedTwice_SavesIdenticalModelsUnderIncreasingVersions()
    {
        var console = new TestConsole();

        Assert.Equal(0, await Run(console, "127.0.0.1:1", "--from", "smd", "--data", SmdFixture.Directory, "--machine", SmdFixture.Machine, "--out", output, "--no-announce"));
        Assert.Equal(0, await Run(console, "127.0.0.1:1", "--from", "smd", "--data", SmdFixture.Directory, "--machine", SmdFixture.Machine, "--out", output, "--no-announce"));

        var versions = Directory.GetDirectories(Path.Combine(output, "host", SmdFixture.Machine)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, versions.Count);
        Assert.Equal(File.ReadAllBytes(Path.Combine(versions[0], ModelArtifactStore.ModelFile)), File.ReadAllBytes(Path.Combine(versions[1], ModelArtifactStore.ModelFile)));
    }

    [Fact]
    public async Task Train_NoOut_SavesUnderTheModelsPathTheHostConfigures()
    {
        var console = new TestConsole();

        var exit = await Run(console, "127.0.0.1:1", "--from", "smd", "--data", SmdFixture.Directory, "--machine", SmdFixture.Machine, "--no-announce", $"--{TrainCommand.ModelsPathKey}={output}");

        Assert.Equal(0, exit);
        Assert.Single(Directory.GetDirectories(Path.Combine(output, "host", SmdFixture.Machine)));
    }

    [Fact]
    public async Task Train_NoOutAndNoModelsPath_ExitsTwoNamingBoth()
    {
        var console = new TestConsole();
        console.Profile.Width = 400;

        var exit = await Run(console, "127.0.0.1:1", "--from", "smd", "--data", SmdFixture.Directory, "--machine", SmdFixture.Machine, "--no-announce");

        Assert.Equal(2, exit);
        Assert.Contains($"--out is needed: no {TrainCommand.ModelsPathKey} is configured.", console.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from smd --machine machine-0-0", "No SMD train file for machine-0-0")]
    [InlineData("--from smd", "--from smd needs --machine")]
    [InlineData("--from clickhouse", "--from clickhouse needs --host")]
    public async Task Train_BadInput_ExitsTwoNamingTheProblem(string arguments, string expected)
    {
        var console = new TestConsole();
        console.Profile.Width = 400;

        var exit = await Run(console, "127.0.0.1:1", [.. arguments.Split(' '), "--data", SmdFixture.Directory, "--out", output]);

        Assert.Equal(2, exit);
        Assert.Contains(expected, console.Output.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static Task<int> Run(TestConsole console, string bootstrap, params string[] arguments)
    {
        var command = TrainCommand.Create(
            args => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = bootstrap }).AddCommandLine(args).Build(),
            console);
        return command.Parse(arguments).InvokeAsync();
    }

    private static (string Key, string Value) ReadAnnouncement(string bootstrap)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(TopicCatalogue.Models.Name);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message })
            {
                consumer.Close();
                return (message.Key, Encoding.UTF8.GetString(message.Value));
            }
        }

        throw new TimeoutException("No announcement on the models topic in 30 s.");
    }
}
