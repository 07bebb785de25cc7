using Streams.Platform.SchemaRegistry.Storage;
using Streams.Platform.SchemaRegistry.Tests.Storage;

namespace Streams.Platform.SchemaRegistry.Tests.Http;

/// <summary>How the registry writes its log and rebuilds from logs it did not write itself.</summary>
public sealed class RegistryLogTests
{
    [Fact]
    public async Task Start_LogWithForeignAndBrokenRecords_SkipsThemAndServesTheRest()
    {
        var store = new InMemorySchemaStore();
        await store.AppendAsync(new StoredRecord("""{"keytype":"NOOP","magic":0}""", null), CancellationToken.None);
        await store.AppendAsync(new StoredRecord("not json", "x"), CancellationToken.None);
        await store.AppendAsync(RegistryRecordCodec.Encode(new SchemaChange("proto-value", 1, 4, "syntax = \"proto3\";", "PROTOBUF", false)), CancellationToken.None);
        await store.AppendAsync(RegistryRecordCodec.Encode(new SchemaChange("avro-value", 1, 9, TestSchemas.SampleV1, null, false)), CancellationToken.None);

        await using var api = await RegistryApi.StartAsync(store);
        var (status, body) = await api.GetAsync("/subjects");
        var next = await api.RegisterAsync("other-value", TestSchemas.Other);

        Assert.Equal((200, """["avro-value"]"""), (status, body!.ToJsonString()));
        Assert.Equal(10, next);
    }

    [Fact]
    public async Task Register_ManyConcurrently_WritesOneRecordPerSchemaWithDistinctIds()
    {
        await using var api = await RegistryApi.StartAsync();
        var schemas = Enumerable.Range(0, 20)
            .Select(i => $$"""{"type":"record","name":"R{{i}}","fields":[{"name":"f","type":"int"}]}""")
            .ToList();

        var ids = await Task.WhenAll(schemas.Select((schema, i) => api.RegisterAsync($"s{i}", schema)));
        var again = await Task.WhenAll(schemas.Select((schema, i) => api.RegisterAsync($"s{i}", schema)));

        Assert.Equal(Enumerable.Range(1, 20), ids.Order());
        Assert.Equal(ids, again);
        Assert.Equal(20, api.Store.Records.Count);
    }
}
