using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Avro.IO;
using Avro.Specific;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Errors;
using Streamiz.Kafka.Net.Mock;
using Streamiz.Kafka.Net.SerDes;
using Streams.Schemas;
using Streams.Topology.Serdes;

namespace Streams.Topology.Tests.Serdes;

public sealed class SchemaAvroSerDesTests : IDisposable
{
    private const string InputTopic = "metrics.raw";
    private const string OutputTopic = "metrics.clean";

    private static readonly DateTime T0 = new(2026, 11, 25, 9, 30, 0, 123, DateTimeKind.Utc);

    private readonly InMemorySchemaRegistryClient registry = new();

    public void Dispose() => registry.Dispose();

    [Fact]
    public void Topology_MetricSamplePassesThrough_ComesOutEqual()
    {
        var sample = Sample();
        using var driver = PassThroughDriver(Config());
        var input = driver.CreateInputTopic(InputTopic, new StringSerDes(), new SchemaAvroSerDes<MetricSample>(registry));
        var output = driver.CreateOutputTopic(OutputTopic, TimeSpan.FromSeconds(1), new StringSerDes(), new SchemaAvroSerDes<MetricSample>(registry));

        input.PipeInput(sample.host, sample);
        var result = output.ReadKeyValue();

        Assert.Equal(sample.host, result.Message.Key);
        var read = result.Message.Value;
        Assert.NotSame(sample, read);
        Assert.Equal(sample.timestamp, read.timestamp);
        Assert.Equal(sample.rawValue, read.rawValue);
        Assert.Equal(sample.tags, read.tags);
        Assert.Equal(MetricSource.AGENT, read.source);
        Assert.Equal(PlainAvro(sample), PlainAvro(read));
    }

    [Fact]
    public async Task Topology_SinkBytes_StartWithMagicByteAndRegisteredSchemaId()
    {
        var sample = Sample();
        using var driver = PassThroughDriver(Config());
        var input = driver.CreateInputTopic(InputTopic, new StringSerDes(), new SchemaAvroSerDes<MetricSample>(registry));
        var output = driver.CreateOutputTopic(OutputTopic, TimeSpan.FromSeconds(1), new StringSerDes(), new ByteArraySerDes());

        input.PipeInput(sample.host, sample);
        var bytes = output.ReadValue();

        var id = Assert.Single(registry.IdsOf($"{OutputTopic}-value"));
        Assert.Equal(0, bytes[0]);
        Assert.Equal(id, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1, 4)));
        Assert.Equal(PlainAvro(sample), bytes[5..]);
        Assert.Equal(AvroSchemas.Get(nameof(MetricSample)), Avro.Schema.Parse((await registry.GetSchemaAsync(id)).SchemaString));
    }

    [Fact]
    public void Topology_MalformedPayload_HandlerGetsClearErrorAndNextRecordStillFlows()
    {
        Exception? reported = null;
        var config = Config();
        config.DeserializationExceptionHandler = (_, _, exception) =>
        {
            reported = exception;
            return ExceptionHandlerResponse.CONTINUE;
        };
        using var driver = PassThroughDriver(config);
        var input = driver.CreateInputTopic(InputTopic, new StringSerDes(), new ByteArraySerDes());
        var output = driver.CreateOutputTopic(OutputTopic, TimeSpan.FromSeconds(1), new StringSerDes(), new SchemaAvroSerDes<MetricSample>(registry));
        var good = new SchemaAvroSerDes<MetricSample>(registry).Serialize(Sample(), new SerializationContext(MessageComponentType.Value, InputTopic));

        input.PipeInput("web-01", [0x7b, 0x22, 0x68, 0x6f, 0x73, 0x74, 0x22, 0x7d]);
        input.PipeInput("db-eu1-07", good);

        var error = Assert.IsType<InvalidDataException>(reported);
        Assert.Contains("io.streams.avro.MetricSample", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{InputTopic}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("0x7B22686F7374227D", error.Message, StringComparison.Ordinal);
        Assert.Equal("db-eu1-07", Assert.Single(output.ReadValueList()).host);
    }

    public static TheoryData<string, byte[]> MalformedPayloads => new()
    {
        { "shorter than the 5-byte header", [0, 0, 0] },
        { "magic byte not 0", [9, 0, 0, 0, 1, 2, 4, 6] },
        { "schema id never registered", [0, 0, 0, 0, 99, 2, 4, 6] },
        { "plain JSON", "{\"host\":\"web-01\"}"u8.ToArray() },
    };

    [Theory]
    [MemberData(nameof(MalformedPayloads))]
    public void Deserialize_MalformedPayload_ThrowsInvalidDataExceptionNamingTopicAndRecord(string why, byte[] payload)
    {
        var serdes = new SchemaAvroSerDes<MetricSample>(registry);

        var error = Assert.Throws<InvalidDataException>(() => serdes.Deserialize(payload, new SerializationContext(MessageComponentType.Value, InputTopic)));

        Assert.True(error.Message.Contains($"topic '{InputTopic}'", StringComparison.Ordinal), why);
        Assert.Contains($"{payload.Length} bytes", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Deserialize_TruncatedAvroBody_ThrowsInvalidDataException()
    {
        var serdes = new SchemaAvroSerDes<MetricSample>(registry);
        var context = new SerializationContext(MessageComponentType.Value, InputTopic);
        var bytes = serdes.Serialize(Sample(), context);

        var error = Assert.Throws<InvalidDataException>(() => serdes.Deserialize(bytes[..12], context));

        Assert.Contains("12 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_AnotherRecordsSchemaId_ThrowsInvalidDataException()
    {
        var context = new SerializationContext(MessageComponentType.Value, "alerts");
        var alertBytes = new SchemaAvroSerDes<Alert>(registry).Serialize(
            new Alert { fingerprint = "9f86d081", ruleId = "cpu-high", state = AlertState.FIRING, startsAt = T0, updatedAt = T0 },
            context);

        var error = Assert.Throws<InvalidDataException>(() => new SchemaAvroSerDes<MetricSample>(registry).Deserialize(alertBytes, context));

        Assert.Contains("io.streams.avro.MetricSample", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_Tombstone_ReturnsNull()
    {
        var serdes = new SchemaAvroSerDes<MetricSample>(registry);

        Assert.Null(serdes.Deserialize(null!, new SerializationContext(MessageComponentType.Value, InputTopic)));
    }

    [Fact]
    public void Deserialize_BeforeInitialize_ThrowsStreamsException()
    {
        var serdes = new SchemaAvroSerDes<MetricSample>();

        var error = Assert.Throws<StreamsException>(() => serdes.Deserialize([0, 0, 0, 0, 1], new SerializationContext(MessageComponentType.Value, InputTopic)));

        Assert.Contains("not initialized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Topology_NoRegistryUrlInStreamConfig_FailsNamingTheSetting()
    {
        var builder = new StreamBuilder();
        builder.Stream<string, MetricSample, StringSerDes, SchemaAvroSerDes<MetricSample>>(InputTopic).To(OutputTopic);

        var error = Record.Exception(() =>
        {
            using var driver = new TopologyTestDriver(builder.Build(), Config());
            driver.CreateInputTopic(InputTopic, new StringSerDes(), new ByteArraySerDes()).PipeInput("web-01", [0, 0, 0, 0, 1]);
        });

        Assert.NotNull(error);
        var cause = Flatten(error).OfType<StreamConfigException>().FirstOrDefault();
        Assert.True(cause is not null, error.ToString());
        Assert.Contains("SchemaRegistryUrl", cause.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Topology_RegistryUrlFromStreamConfig_IsTheRegistryAsked()
    {
        await using var server = new EmptyRegistryServer();
        Exception? reported = null;
        var config = Config();
        config.SchemaRegistryUrl = server.Url;
        config.DeserializationExceptionHandler = (_, _, exception) =>
        {
            reported = exception;
            return ExceptionHandlerResponse.CONTINUE;
        };
        var builder = new StreamBuilder();
        builder.Stream<string, MetricSample, StringSerDes, SchemaAvroSerDes<MetricSample>>(InputTopic).To(OutputTopic, new StringSerDes(), new SchemaAvroSerDes<MetricSample>(registry));
        using var driver = new TopologyTestDriver(builder.Build(), config);

        driver.CreateInputTopic(InputTopic, new StringSerDes(), new ByteArraySerDes()).PipeInput("web-01", [0, 0, 0, 0, 7, 2, 4, 6]);

        Assert.True(server.Requests > 0, "the SerDes did not ask the registry named in the stream config");
        var error = Assert.IsType<InvalidDataException>(reported);
        Assert.Contains("Schema not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_RegistryUnreachable_ErrorDoesNotBlameThePayload()
    {
        using var unreachable = new CachedSchemaRegistryClient(new SchemaRegistryConfig
        {
            Url = $"http://127.0.0.1:{ClosedPort()}",
            MaxRetries = 1,
            RetriesWaitMs = 10,
            RetriesMaxWaitMs = 10,
        });
        var serdes = new SchemaAvroSerDes<MetricSample>(unreachable);

        var error = Record.Exception(() => serdes.Deserialize([0, 0, 0, 0, 1, 2, 4, 6], new SerializationContext(MessageComponentType.Value, InputTopic)));

        Assert.NotNull(error);
        Assert.IsNotType<InvalidDataException>(error);
        Assert.Contains(Flatten(error), e => e is HttpRequestException);
    }

    private static MetricSample Sample() => new()
    {
        host = "db-eu1-07",
        metric = "disk.util",
        value = 0.42,
        rawValue = 42,
        unit = "ratio",
        kind = MetricKind.GAUGE,
        timestamp = T0,
        tags = new Dictionary<string, string> { ["device"] = "sda", ["role"] = "db" },
        source = MetricSource.AGENT,
        intervalMs = 10_000,
    };

    private static StreamConfig<StringSerDes, StringSerDes> Config() => new() { ApplicationId = "serdes-tests" };

    private TopologyTestDriver PassThroughDriver(StreamConfig config)
    {
        var builder = new StreamBuilder();
        builder.Stream(InputTopic, new StringSerDes(), new SchemaAvroSerDes<MetricSample>(registry))
            .To(OutputTopic, new StringSerDes(), new SchemaAvroSerDes<MetricSample>(registry));
        return new TopologyTestDriver(builder.Build(), config);
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    private static byte[] PlainAvro(MetricSample record)
    {
        using var stream = new MemoryStream();
        new SpecificDatumWriter<ISpecificRecord>(record.Schema).Write(record, new BinaryEncoder(stream));
        return stream.ToArray();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
