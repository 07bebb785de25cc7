using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.Kafka.SyncOverAsync;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry.Tests.Http;
using Streams.Schemas.Topics;

namespace Streams.Platform.SchemaRegistry.Tests.Integration;

/// <summary>The registry on the embedded Kafka broker, used by Confluent's unmodified client, serializer and deserializer.</summary>
public sealed class KafkaRegistryTests
{
    private static readonly EmbeddedSchemaRegistryOptions FreePort = new() { Port = 0 };

    [Fact]
    public async Task StartAsync_ClientRegisters_WritesConfluentLayoutToSchemasTopic()
    {
        using var kafka = StartKafka();
        int id;
        await using (var registry = await EmbeddedSchemaRegistry.StartAsync(FreePort, kafka.BootstrapServers))
        {
            using var client = NewClient(registry);
            id = await client.RegisterSchemaAsync("metrics-value", new Schema(TestSchemas.SampleV1, SchemaType.Avro));
            await client.UpdateCompatibilityAsync(Confluent.SchemaRegistry.Compatibility.Full, null);
        }

        var records = ReadSchemasTopic(kafka.BootstrapServers);

        Assert.Equal(2, records.Count);
        var (schemaKey, schemaValue) = records[0];
        Assert.Equal("""{"keytype":"SCHEMA","subject":"metrics-value","version":1,"magic":1}""", schemaKey);
        var value = JsonNode.Parse(schemaValue!)!;
        Assert.Equal(("metrics-value", 1, id, false), ((string?)value["subject"], (int)value["version"]!, (int)value["id"]!, (bool)value["deleted"]!));
        Assert.Equal(Avro.Schema.Parse(TestSchemas.SampleV1).ToString(), (string?)value["schema"]);
        Assert.Equal(("""{"keytype":"CONFIG","subject":null,"magic":0}""", """{"compatibilityLevel":"FULL"}"""), records[1]);
    }

    [Fact]
    public async Task AvroSerdes_ProduceAndConsumeGenericRecords_ThroughBrokerAndRegistry()
    {
        using var kafka = StartKafka();
        kafka.CreateTopic("samples", 1);
        await using var registry = await EmbeddedSchemaRegistry.StartAsync(FreePort, kafka.BootstrapServers);
        using var client = NewClient(registry);
        var schema = (Avro.RecordSchema)Avro.Schema.Parse(TestSchemas.SampleV1);

        using (var producer = new ProducerBuilder<string, GenericRecord>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers })
            .SetValueSerializer(new AvroSerializer<GenericRecord>(client))
            .Build())
        {
            for (var i = 0; i < 10; i++)
            {
                var record = new GenericRecord(schema);
                record.Add("host", $"web-{i}");
                record.Add("value", i * 1.5);
                await producer.ProduceAsync("samples", new Message<string, GenericRecord> { Key = $"web-{i}", Value = record });
            }
        }

        using var consumer = new ConsumerBuilder<string, GenericRecord>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = "serdes-test",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).SetValueDeserializer(new AvroDeserializer<GenericRecord>(client).AsSyncOverAsync()).Build();
        consumer.Assign(new TopicPartitionOffset("samples", 0, Offset.Beginning));
        var received = new List<GenericRecord>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received.Count < 10 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                received.Add(result.Message.Value);
            }
        }

        Assert.Equal(10, received.Count);
        Assert.Equal("web-9", received[9]["host"]);
        Assert.Equal(13.5, received[9]["value"]);
        Assert.Equal(["samples-value"], await client.GetAllSubjectsAsync());
    }

    [Fact]
    public async Task Restart_SameBroker_KeepsSchemasIdsAndDeletesAndContinuesIds()
    {
        using var kafka = StartKafka();
        int first, second;
        await using (var registry = await EmbeddedSchemaRegistry.StartAsync(FreePort, kafka.BootstrapServers))
        {
            using var client = NewClient(registry);
            first = await client.RegisterSchemaAsync("a-value", new Schema(TestSchemas.SampleV1, SchemaType.Avro));
            second = await client.RegisterSchemaAsync("b-value", new Schema(TestSchemas.Other, SchemaType.Avro));
            using var http = new HttpClient { BaseAddress = registry.Url };
            (await http.DeleteAsync("/subjects/b-value")).EnsureSuccessStatusCode();
            (await http.DeleteAsync("/subjects/b-value?permanent=true")).EnsureSuccessStatusCode();
        }

        await using var restarted = await EmbeddedSchemaRegistry.StartAsync(FreePort, kafka.BootstrapServers);
        using var again = NewClient(restarted);
        var byId = await again.GetSchemaAsync(first);
        var lookedUp = await again.LookupSchemaAsync("a-value", new Schema(TestSchemas.SampleV1, SchemaType.Avro), ignoreDeletedSchemas: true, normalize: false);
        var subjects = await again.GetAllSubjectsAsync();
        var third = await again.RegisterSchemaAsync("c-value", new Schema(TestSchemas.SampleV2, SchemaType.Avro));

        Assert.Equal(Avro.Schema.Parse(TestSchemas.SampleV1).ToString(), byId.SchemaString);
        Assert.Equal((first, 1), (lookedUp.Id, lookedUp.Version));
        Assert.Equal(["a-value"], subjects);
        Assert.Equal(second + 1, third);
    }

    [Fact]
    public async Task Register_Incompatible_Returns409ToClientAndRawHttp()
    {
        using var kafka = StartKafka();
        await using var registry = await EmbeddedSchemaRegistry.StartAsync(FreePort, kafka.BootstrapServers);
        using var client = NewClient(registry);
        await client.RegisterSchemaAsync("s", new Schema(TestSchemas.SampleV1, SchemaType.Avro));

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(
            () => client.RegisterSchemaAsync("s", new Schema(TestSchemas.SampleRequiredField, SchemaType.Avro)));
        using var http = new HttpClient { BaseAddress = registry.Url };
        using var body = new StringContent(RegistryApi.SchemaBody(TestSchemas.SampleRequiredField), Encoding.UTF8, RegistryApi.ContentType);
        using var response = await http.PostAsync("/subjects/s/versions", body);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        using var unknown = await http.GetAsync("/subjects/unknown/versions");
        var unknownJson = JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!;

        Assert.Equal((HttpStatusCode.Conflict, 409), (error.Status, error.ErrorCode));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(409, (int)json["error_code"]!);
        Assert.Contains("incompatible", (string?)json["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(40401, (int)unknownJson["error_code"]!);
    }

    [Fact]
    public async Task StartAsync_PortInUse_FailsWithOneLineNamingThePortAndTheOption()
    {
        using var kafka = StartKafka();
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = port }, kafka.BootstrapServers));

        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains("SchemaRegistry:Embedded:Port", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task StartAsync_SchemasTopicMissingOnEmbeddedBroker_FailsNamingTheTopic()
    {
        // The embedded broker has no CreateTopics API, so the registry cannot create _schemas itself.
        using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => EmbeddedSchemaRegistry.StartAsync(FreePort, kafka.BootstrapServers));

        Assert.Contains(TopicCatalogue.Schemas.Name, error.Message, StringComparison.Ordinal);
        Assert.Contains("1 partition", error.Message, StringComparison.Ordinal);
    }

    internal static EmbeddedKafkaCluster StartKafka()
    {
        var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Port = 0 });
        kafka.CreateTopic(TopicCatalogue.Schemas.Name, 1);
        return kafka;
    }

    private static CachedSchemaRegistryClient NewClient(EmbeddedSchemaRegistry registry) =>
        new(new SchemaRegistryConfig { Url = registry.Url.ToString() });

    private static List<(string Key, string? Value)> ReadSchemasTopic(string bootstrapServers)
    {
        using var consumer = new ConsumerBuilder<string, string?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "layout-test",
            EnablePartitionEof = true,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(TopicCatalogue.Schemas.Name, 0, Offset.Beginning));
        var records = new List<(string, string?)>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is { IsPartitionEOF: true })
            {
                break;
            }

            if (result is not null)
            {
                records.Add((result.Message.Key, result.Message.Value));
            }
        }

        return records;
    }
}
