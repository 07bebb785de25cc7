using System.Globalization;
using Streams.Schemas.Topics;
using YamlDotNet.RepresentationModel;

namespace Streams.Deployment.Tests.Compose;

public sealed class ComposeFileTests
{
    private static readonly string[] Profiles = ["single", "cluster"];

    private readonly ComposeFile compose = ComposeFile.Load();

    [ExecutableFact("docker-compose")]
    public async Task Config_EachProfile_IsValidForDockerCompose()
    {
        foreach (var profile in Profiles)
        {
            var (exitCode, output) = await Executables.RunAsync(
                "docker-compose", ["-f", ComposeFile.RelativePath, "--profile", profile, "config", "-q"], TimeSpan.FromSeconds(60));

            Assert.True(exitCode == 0, $"docker-compose config (profile {profile}) exited {exitCode}: {output}");
        }
    }

    [Fact]
    public void Services_EveryRole_RunsThatRoleAloneWithAHealthCheck()
    {
        foreach (var role in DeploymentRoles.All)
        {
            var service = compose.Service(role);

            Assert.Equal(["run", "--roles", role], ComposeFile.Sequence(service, "command"));
            Assert.Equal("infra/docker/Dockerfile", ((YamlMappingNode)service["build"])["dockerfile"].ToString());
            var test = ComposeFile.Sequence((YamlMappingNode)service["healthcheck"], "test");
            Assert.Equal(["CMD", "streams-healthcheck", "/readyz"], test);
        }
    }

    [Fact]
    public void Services_EveryRole_UsesTheExternalEndpointsAndLeavesTopicsToTheOneShot()
    {
        foreach (var role in DeploymentRoles.All)
        {
            var env = ComposeFile.Environment(compose.Service(role));

            // The collector shares the host's network and reaches the broker's published listener.
            Assert.Equal(role == "collector" ? "127.0.0.1:9094" : "kafka:9092", env["Kafka__BootstrapServers"]);
            Assert.StartsWith("http://", env["SchemaRegistry__Url"], StringComparison.Ordinal);
            Assert.StartsWith("http://", env["ClickHouse__Url"], StringComparison.Ordinal);
            Assert.Equal("false", env["Kafka__ProvisionTopics"]);
            Assert.Equal(ComposeFile.Environment(compose.Service("clickhouse"))["CLICKHOUSE_USER"], env["ClickHouse__Username"]);
            Assert.Equal(ComposeFile.Environment(compose.Service("clickhouse"))["CLICKHOUSE_DB"], env["ClickHouse__Database"]);
        }
    }

    [Fact]
    public void Services_EveryRole_StartsAfterTopicsAndHealthyEndpoints()
    {
        foreach (var role in DeploymentRoles.All)
        {
            var dependsOn = (YamlMappingNode)compose.Service(role)["depends_on"];

            Assert.Equal("service_completed_successfully", Condition(dependsOn, "topics"));
            Assert.Equal("service_healthy", Condition(dependsOn, "schema-registry"));
            Assert.Equal("service_healthy", Condition(dependsOn, "clickhouse"));
        }
    }

    [Fact]
    public void Services_PlatformAndBrokers_HaveHealthChecksAndDataVolumes()
    {
        string[] platform = ["kafka", "kafka-1", "kafka-2", "kafka-3", "schema-registry", "clickhouse"];
        var declared = ((YamlMappingNode)compose.Root["volumes"]).Children.Keys.Select(k => k.ToString()).ToHashSet(StringComparer.Ordinal);

        foreach (var name in platform)
        {
            Assert.NotEmpty(ComposeFile.Sequence((YamlMappingNode)compose.Service(name)["healthcheck"], "test"));
        }

        foreach (var name in platform.Where(n => n != "schema-registry"))
        {
            var volume = Assert.Single(ComposeFile.Sequence(compose.Service(name), "volumes"));
            Assert.Contains(volume.Split(':')[0], declared);
        }
    }

    [Fact]
    public void Brokers_SingleAndClusterProfiles_ShareTheKafkaNameAndAgreeOnTheQuorum()
    {
        var single = compose.Service("kafka");
        Assert.Equal(["single"], ComposeFile.Sequence(single, "profiles"));
        Assert.Equal("1@kafka:9093", ComposeFile.Environment(single)["KAFKA_CONTROLLER_QUORUM_VOTERS"]);

        var cluster = new[] { "kafka-1", "kafka-2", "kafka-3" };
        foreach (var (name, index) in cluster.Select((n, i) => (n, i + 1)))
        {
            var broker = compose.Service(name);
            var env = ComposeFile.Environment(broker);
            Assert.Equal(["cluster"], ComposeFile.Sequence(broker, "profiles"));
            Assert.Equal(["kafka"], ComposeFile.Sequence((YamlMappingNode)((YamlMappingNode)broker["networks"])["default"], "aliases"));
            Assert.Equal(index.ToString(CultureInfo.InvariantCulture), env["KAFKA_NODE_ID"]);
            Assert.Equal(string.Join(',', cluster.Select((n, i) => $"{i + 1}@{n}:9093")), env["KAFKA_CONTROLLER_QUORUM_VOTERS"]);
            Assert.StartsWith($"PLAINTEXT://{name}:9092,", env["KAFKA_ADVERTISED_LISTENERS"], StringComparison.Ordinal);
            Assert.Equal("3", env["KAFKA_DEFAULT_REPLICATION_FACTOR"]);
        }

        Assert.Single(cluster.Select(n => ComposeFile.Environment(compose.Service(n))["CLUSTER_ID"]).Distinct());
    }

    [Fact]
    public void Topics_OneShotService_RunsTheScriptOnceWithoutDependingOnAProfile()
    {
        var topics = compose.Service("topics");

        Assert.Equal("no", ComposeFile.Scalar(topics, "restart"));
        Assert.Contains($"./{TopicScript.RelativePath}:/opt/streams/create-topics.sh:ro", ComposeFile.Sequence(topics, "volumes"));
        Assert.Equal(["bash", "/opt/streams/create-topics.sh"], ComposeFile.Sequence(topics, "entrypoint"));
        Assert.False(topics.Children.ContainsKey(new YamlScalarNode("depends_on")), "topics cannot depend on a broker whose profile may be off");
    }

    [Fact]
    public void Topics_Script_CreatesExactlyTheCatalogue()
    {
        var scripted = TopicScript.Topics();

        Assert.Equal(TopicCatalogue.All.Select(t => t.Name), scripted.Select(t => t.Name));
        foreach (var (spec, topic) in TopicCatalogue.All.Zip(scripted))
        {
            Assert.Equal((spec.Name, spec.Partitions), (topic.Name, topic.Partitions));
            Assert.Equal(spec.Configs["cleanup.policy"], topic.CleanupPolicy);
            Assert.Equal(spec.Configs["retention.ms"], topic.RetentionMs);
        }
    }

    private static string Condition(YamlMappingNode dependsOn, string service) =>
        ((YamlMappingNode)dependsOn[service])["condition"].ToString();
}
