using System.Net;
using Confluent.SchemaRegistry;

namespace Streams.Platform.SchemaRegistry.Tests.Http;

/// <summary>Confluent's own client, unmodified, against the registry over HTTP.</summary>
public sealed class CachedClientTests
{
    [Fact]
    public async Task Client_RegisterLookupAndRead_RoundTrips()
    {
        await using var api = await RegistryApi.StartAsync();
        using var client = NewClient(api);

        var id = await client.RegisterSchemaAsync("metrics-value", new Schema(TestSchemas.SampleV1, SchemaType.Avro));
        var again = await client.RegisterSchemaAsync("metrics-value", new Schema(TestSchemas.SampleV1Reformatted, SchemaType.Avro));
        var v2 = await client.RegisterSchemaAsync("metrics-value", new Schema(TestSchemas.SampleV2, SchemaType.Avro));
        var lookedUp = await client.LookupSchemaAsync("metrics-value", new Schema(TestSchemas.SampleV1, SchemaType.Avro), ignoreDeletedSchemas: true, normalize: false);
        var byId = await client.GetSchemaAsync(id);
        var versions = await client.GetSubjectVersionsAsync("metrics-value");
        var latest = await client.GetLatestSchemaAsync("metrics-value");
        var first = await client.GetRegisteredSchemaAsync("metrics-value", 1);
        var subjects = await client.GetAllSubjectsAsync();

        Assert.Equal(id, again);
        Assert.NotEqual(id, v2);
        Assert.Equal((id, 1, "metrics-value"), (lookedUp.Id, lookedUp.Version, lookedUp.Subject));
        Assert.Equal(SchemaType.Avro, byId.SchemaType);
        Assert.Equal(Avro.Schema.Parse(TestSchemas.SampleV1).ToString(), byId.SchemaString);
        Assert.Equal([1, 2], versions);
        Assert.Equal((v2, 2), (latest.Id, latest.Version));
        Assert.Equal(id, first.Id);
        Assert.Equal(["metrics-value"], subjects);
    }

    [Fact]
    public async Task Client_IncompatibleSchema_ThrowsSchemaRegistryExceptionWith409()
    {
        await using var api = await RegistryApi.StartAsync();
        using var client = NewClient(api);
        await client.RegisterSchemaAsync("s", new Schema(TestSchemas.SampleV1, SchemaType.Avro));

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(
            () => client.RegisterSchemaAsync("s", new Schema(TestSchemas.SampleRequiredField, SchemaType.Avro)));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Equal(409, error.ErrorCode);
        Assert.Contains("rack", error.Message, StringComparison.Ordinal);
        Assert.False(await client.IsCompatibleAsync("s", new Schema(TestSchemas.SampleRequiredField, SchemaType.Avro)));
        Assert.True(await client.IsCompatibleAsync("s", new Schema(TestSchemas.SampleV2, SchemaType.Avro)));
    }

    [Fact]
    public async Task Client_UnknownSubject_ThrowsSchemaRegistryExceptionWith40401()
    {
        await using var api = await RegistryApi.StartAsync();
        using var client = NewClient(api);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetLatestSchemaAsync("nope-value"));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal(40401, error.ErrorCode);
    }

    [Fact]
    public async Task Client_UpdateCompatibility_IsReadBack()
    {
        await using var api = await RegistryApi.StartAsync();
        using var client = NewClient(api);

        var global = await client.GetCompatibilityAsync();
        var set = await client.UpdateCompatibilityAsync(Confluent.SchemaRegistry.Compatibility.FullTransitive, "s");
        var read = await client.GetCompatibilityAsync("s");

        Assert.Equal(Confluent.SchemaRegistry.Compatibility.Backward, global);
        Assert.Equal(Confluent.SchemaRegistry.Compatibility.FullTransitive, set);
        Assert.Equal(Confluent.SchemaRegistry.Compatibility.FullTransitive, read);
    }

    private static CachedSchemaRegistryClient NewClient(RegistryApi api) =>
        new(new SchemaRegistryConfig { Url = api.Registry.Url.ToString() });
}
