using System.Text.Json.Nodes;
using Streams.Platform.SchemaRegistry.Tests.Storage;

namespace Streams.Platform.SchemaRegistry.Tests.Http;

public sealed class RestApiTests
{
    [Fact]
    public async Task Root_Get_ReturnsEmptyObject()
    {
        await using var api = await RegistryApi.StartAsync();

        var (status, body) = await api.GetAsync("/");

        Assert.Equal(200, status);
        Assert.Empty(body!.AsObject());
    }

    [Fact]
    public async Task Register_SameSchemaTwice_ReturnsSameIdAndOneVersion()
    {
        await using var api = await RegistryApi.StartAsync();

        var first = await api.RegisterAsync("metrics-value", TestSchemas.SampleV1);
        var again = await api.RegisterAsync("metrics-value", TestSchemas.SampleV1Reformatted);

        Assert.Equal(first, again);
        var (_, versions) = await api.GetAsync("/subjects/metrics-value/versions");
        Assert.Equal("[1]", versions!.ToJsonString());
    }

    [Fact]
    public async Task Register_SameSchemaUnderAnotherSubject_ReusesTheId()
    {
        await using var api = await RegistryApi.StartAsync();

        var first = await api.RegisterAsync("a-value", TestSchemas.SampleV1);
        var other = await api.RegisterAsync("b-value", TestSchemas.Other);
        var reused = await api.RegisterAsync("c-value", TestSchemas.SampleV1);

        Assert.Equal(first, reused);
        Assert.NotEqual(first, other);
        var (_, usages) = await api.GetAsync($"/schemas/ids/{first}/versions");
        Assert.Equal("""[{"subject":"a-value","version":1},{"subject":"c-value","version":1}]""", usages!.ToJsonString());
    }

    [Fact]
    public async Task Register_CompatibleEvolution_AddsVersionWithNewId()
    {
        await using var api = await RegistryApi.StartAsync();
        var v1 = await api.RegisterAsync("s", TestSchemas.SampleV1);

        var v2 = await api.RegisterAsync("s", TestSchemas.SampleV2);

        Assert.Equal(v1 + 1, v2);
        var (_, latest) = await api.GetAsync("/subjects/s/versions/latest");
        Assert.Equal(2, (int)latest!["version"]!);
        Assert.Equal(v2, (int)latest["id"]!);
        Assert.Equal("s", (string?)latest["subject"]);
        Assert.Equal("unit", (string?)JsonNode.Parse((string)latest["schema"]!)!["fields"]![2]!["name"]);
    }

    [Fact]
    public async Task Register_IncompatibleSchema_Returns409WithReason()
    {
        await using var api = await RegistryApi.StartAsync();
        await api.RegisterAsync("s", TestSchemas.SampleV1);

        var (status, body) = await api.PostAsync("/subjects/s/versions", RegistryApi.SchemaBody(TestSchemas.SampleRequiredField));

        Assert.Equal(409, status);
        Assert.Equal(409, (int)body!["error_code"]!);
        Assert.Contains("'rack'", (string?)body["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PROTOBUF")]
    [InlineData("JSON")]
    public async Task Register_OtherSchemaType_Returns42201(string schemaType)
    {
        await using var api = await RegistryApi.StartAsync();

        var (status, body) = await api.PostAsync("/subjects/s/versions", RegistryApi.SchemaBody("syntax = \"proto3\";", schemaType));

        Assert.Equal(422, status);
        Assert.Equal(42201, (int)body!["error_code"]!);
        Assert.Contains(schemaType, (string?)body["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"record","name":"R"}""")]
    [InlineData("""{"type":"nonsense"}""")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"n","type":"int","default":"x"}]}""")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Register_InvalidAvro_Returns42201WithMessage(string schema)
    {
        await using var api = await RegistryApi.StartAsync();

        var (status, body) = await api.PostAsync("/subjects/s/versions", RegistryApi.SchemaBody(schema));

        Assert.Equal(422, status);
        Assert.Equal(42201, (int)body!["error_code"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["message"]));
    }

    [Fact]
    public async Task Register_SchemaReferences_Returns42201()
    {
        await using var api = await RegistryApi.StartAsync();

        var (status, body) = await api.PostAsync(
            "/subjects/s/versions", """{"schema":"\"string\"","references":[{"name":"x","subject":"y","version":1}]}""");

        Assert.Equal(422, status);
        Assert.Contains("references", (string?)body!["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"schema\": ")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public async Task Register_MalformedBody_Returns400AndKeepsServing(string malformed)
    {
        await using var api = await RegistryApi.StartAsync();

        var (status, body) = await api.PostAsync("/subjects/s/versions", malformed);

        Assert.Equal(400, status);
        Assert.Equal(400, (int)body!["error_code"]!);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["message"]));
        Assert.Equal(1, await api.RegisterAsync("s", TestSchemas.SampleV1));
    }

    [Fact]
    public async Task Register_SchemaFieldNotString_Returns422()
    {
        await using var api = await RegistryApi.StartAsync();

        var (status, body) = await api.PostAsync("/subjects/s/versions", """{"schema":{"type":"string"}}""");

        Assert.Equal(422, status);
        Assert.Contains("'schema'", (string?)body!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVersions_UnknownSubject_Returns40401()
    {
        await using var api = await RegistryApi.StartAsync();

        var (status, body) = await api.GetAsync("/subjects/nope/versions");

        Assert.Equal(404, status);
        Assert.Equal(40401, (int)body!["error_code"]!);
        Assert.Equal("Subject 'nope' not found.", (string?)body["message"]);
    }

    [Theory]
    [InlineData("0", 422, 42202)]
    [InlineData("abc", 422, 42202)]
    [InlineData("7", 404, 40402)]
    public async Task GetVersion_BadOrMissingVersion_ReturnsConfluentCode(string version, int status, int errorCode)
    {
        await using var api = await RegistryApi.StartAsync();
        await api.RegisterAsync("s", TestSchemas.SampleV1);

        var (actualStatus, body) = await api.GetAsync($"/subjects/s/versions/{version}");

        Assert.Equal(status, actualStatus);
        Assert.Equal(errorCode, (int)body!["error_code"]!);
    }

    [Fact]
    public async Task GetSchemaById_KnownAndUnknown_ReturnsSchemaOr40403()
    {
        await using var api = await RegistryApi.StartAsync();
        var id = await api.RegisterAsync("s", TestSchemas.SampleV1);

        var (status, body) = await api.GetAsync($"/schemas/ids/{id}");
        var (rawStatus, raw) = await api.GetAsync($"/schemas/ids/{id}/schema");
        var (missingStatus, missing) = await api.GetAsync("/schemas/ids/999");

        Assert.Equal(200, status);
        Assert.Equal("Sample", (string?)JsonNode.Parse((string)body!["schema"]!)!["name"]);
        Assert.Equal(200, rawStatus);
        Assert.Equal("record", (string?)raw!["type"]);
        Assert.Equal(404, missingStatus);
        Assert.Equal(40403, (int)missing!["error_code"]!);
    }

    [Fact]
    public async Task Lookup_RegisteredSchema_ReturnsSubjectVersionIdAndSchema()
    {
        await using var api = await RegistryApi.StartAsync();
        var id = await api.RegisterAsync("s", TestSchemas.SampleV1);
        await api.RegisterAsync("s", TestSchemas.SampleV2);

        var (status, body) = await api.PostAsync("/subjects/s", RegistryApi.SchemaBody(TestSchemas.SampleV1Reformatted));

        Assert.Equal(200, status);
        Assert.Equal("s", (string?)body!["subject"]);
        Assert.Equal(1, (int)body["version"]!);
        Assert.Equal(id, (int)body["id"]!);
        Assert.NotNull((string?)body["schema"]);
    }

    [Fact]
    public async Task Lookup_UnknownSchemaOrSubject_Returns40403Or40401()
    {
        await using var api = await RegistryApi.StartAsync();
        await api.RegisterAsync("s", TestSchemas.SampleV1);

        var (schemaStatus, schemaBody) = await api.PostAsync("/subjects/s", RegistryApi.SchemaBody(TestSchemas.Other));
        var (subjectStatus, subjectBody) = await api.PostAsync("/subjects/t", RegistryApi.SchemaBody(TestSchemas.Other));

        Assert.Equal((404, 40403), (schemaStatus, (int)schemaBody!["error_code"]!));
        Assert.Equal((404, 40401), (subjectStatus, (int)subjectBody!["error_code"]!));
    }

    [Fact]
    public async Task DeleteVersion_SoftThenPermanent_FollowsConfluentRules()
    {
        await using var api = await RegistryApi.StartAsync();
        await api.RegisterAsync("s", TestSchemas.SampleV1);
        await api.RegisterAsync("s", TestSchemas.SampleV2);

        var (notSoftStatus, notSoft) = await api.DeleteAsync("/subjects/s/versions/1?permanent=true");
        var (softStatus, soft) = await api.DeleteAsync("/subjects/s/versions/1");
        var (againStatus, again) = await api.DeleteAsync("/subjects/s/versions/1");
        var (_, live) = await api.GetAsync("/subjects/s/versions");
        var (_, all) = await api.GetAsync("/subjects/s/versions?deleted=true");
        var (hiddenStatus, _) = await api.GetAsync("/subjects/s/versions/1");
        var (shownStatus, _) = await api.GetAsync("/subjects/s/versions/1?deleted=true");
        var (permanentStatus, permanent) = await api.DeleteAsync("/subjects/s/versions/1?permanent=true");
        var (_, afterPermanent) = await api.GetAsync("/subjects/s/versions?deleted=true");

        Assert.Equal((404, 40407), (notSoftStatus, (int)notSoft!["error_code"]!));
        Assert.Equal((200, "1"), (softStatus, soft!.ToJsonString()));
        Assert.Equal((404, 40406), (againStatus, (int)again!["error_code"]!));
        Assert.Equal("[2]", live!.ToJsonString());
        Assert.Equal("[1,2]", all!.ToJsonString());
        Assert.Equal(404, hiddenStatus);
        Assert.Equal(200, shownStatus);
        Assert.Equal((200, "1"), (permanentStatus, permanent!.ToJsonString()));
        Assert.Equal("[2]", afterPermanent!.ToJsonString());
    }

    [Fact]
    public async Task DeleteSubject_SoftThenPermanent_RemovesSubjectAndItsOnlySchema()
    {
        await using var api = await RegistryApi.StartAsync();
        var id = await api.RegisterAsync("s", TestSchemas.SampleV1);
        await api.RegisterAsync("s", TestSchemas.SampleV2);

        var (notSoftStatus, notSoft) = await api.DeleteAsync("/subjects/s?permanent=true");
        var (softStatus, soft) = await api.DeleteAsync("/subjects/s");
        var (_, subjects) = await api.GetAsync("/subjects");
        var (_, withDeleted) = await api.GetAsync("/subjects?deleted=true");
        var (permanentStatus, permanent) = await api.DeleteAsync("/subjects/s?permanent=true");
        var (goneStatus, gone) = await api.GetAsync("/subjects/s/versions?deleted=true");
        var (idStatus, _) = await api.GetAsync($"/schemas/ids/{id}");

        Assert.Equal((404, 40405), (notSoftStatus, (int)notSoft!["error_code"]!));
        Assert.Equal((200, "[1,2]"), (softStatus, soft!.ToJsonString()));
        Assert.Equal("[]", subjects!.ToJsonString());
        Assert.Equal("[\"s\"]", withDeleted!.ToJsonString());
        Assert.Equal((200, "[1,2]"), (permanentStatus, permanent!.ToJsonString()));
        Assert.Equal((404, 40401), (goneStatus, (int)gone!["error_code"]!));
        Assert.Equal(404, idStatus);
    }

    [Fact]
    public async Task Register_AfterSoftDelete_IsCheckedOnlyAgainstLiveVersions()
    {
        await using var api = await RegistryApi.StartAsync();
        await api.RegisterAsync("s", TestSchemas.SampleV1);
        await api.DeleteAsync("/subjects/s");

        var id = await api.RegisterAsync("s", TestSchemas.Other);

        var (_, latest) = await api.GetAsync("/subjects/s/versions/latest");
        Assert.Equal(2, (int)latest!["version"]!);
        Assert.Equal(id, (int)latest["id"]!);
    }

    [Fact]
    public async Task Config_DefaultsToBackwardAndAcceptsEveryLevel()
    {
        await using var api = await RegistryApi.StartAsync();

        var (_, initial) = await api.GetAsync("/config");
        Assert.Equal("BACKWARD", (string?)initial!["compatibilityLevel"]);
        foreach (var level in new[] { "NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE" })
        {
            var (status, body) = await api.PutAsync("/config", $$"""{"compatibility":"{{level}}"}""");
            Assert.Equal((200, level), (status, (string?)body!["compatibility"]));
            var (_, read) = await api.GetAsync("/config");
            Assert.Equal(level, (string?)read!["compatibilityLevel"]);
        }
    }

    [Fact]
    public async Task Config_InvalidLevel_Returns42203()
    {
        await using var api = await RegistryApi.StartAsync();

        var (status, body) = await api.PutAsync("/config", """{"compatibility":"SIDEWAYS"}""");

        Assert.Equal((422, 42203), (status, (int)body!["error_code"]!));
        Assert.Contains("SIDEWAYS", (string?)body["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubjectConfig_None_AllowsIncompatibleSchemaForThatSubjectOnly()
    {
        await using var api = await RegistryApi.StartAsync();
        await api.RegisterAsync("loose", TestSchemas.SampleV1);
        await api.RegisterAsync("strict", TestSchemas.SampleV1);

        var (unsetStatus, unset) = await api.GetAsync("/config/loose");
        var (_, fallback) = await api.GetAsync("/config/loose?defaultToGlobal=true");
        await api.PutAsync("/config/loose", """{"compatibility":"NONE"}""");
        var (_, set) = await api.GetAsync("/config/loose");
        var (looseStatus, _) = await api.PostAsync("/subjects/loose/versions", RegistryApi.SchemaBody(TestSchemas.SampleRequiredField));
        var (strictStatus, _) = await api.PostAsync("/subjects/strict/versions", RegistryApi.SchemaBody(TestSchemas.SampleRequiredField));
        var (deleteStatus, deleted) = await api.DeleteAsync("/config/loose");
        var (afterDeleteStatus, _) = await api.GetAsync("/config/loose");

        Assert.Equal((404, 40408), (unsetStatus, (int)unset!["error_code"]!));
        Assert.Equal("BACKWARD", (string?)fallback!["compatibilityLevel"]);
        Assert.Equal("NONE", (string?)set!["compatibilityLevel"]);
        Assert.Equal(200, looseStatus);
        Assert.Equal(409, strictStatus);
        Assert.Equal((200, "NONE"), (deleteStatus, (string?)deleted!["compatibilityLevel"]));
        Assert.Equal(404, afterDeleteStatus);
    }

    [Fact]
    public async Task Compatibility_IncompatibleVerbose_ReturnsFalseWithMessages()
    {
        await using var api = await RegistryApi.StartAsync();
        await api.RegisterAsync("s", TestSchemas.SampleV1);

        var (status, body) = await api.PostAsync("/compatibility/subjects/s/versions/latest?verbose=true", RegistryApi.SchemaBody(TestSchemas.SampleRequiredField));
        var (_, terse) = await api.PostAsync("/compatibility/subjects/s/versions/1", RegistryApi.SchemaBody(TestSchemas.SampleRequiredField));
        var (_, compatible) = await api.PostAsync("/compatibility/subjects/s/versions/latest", RegistryApi.SchemaBody(TestSchemas.SampleV2));

        Assert.Equal(200, status);
        Assert.False((bool)body!["is_compatible"]!);
        Assert.Contains("rack", body["messages"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.False((bool)terse!["is_compatible"]!);
        Assert.Null(terse["messages"]);
        Assert.True((bool)compatible!["is_compatible"]!);
    }

    [Fact]
    public async Task Compatibility_LatestOfUnknownSubject_IsCompatible()
    {
        await using var api = await RegistryApi.StartAsync();

        var (latestStatus, latest) = await api.PostAsync("/compatibility/subjects/new/versions/latest", RegistryApi.SchemaBody(TestSchemas.SampleV1));
        var (versionStatus, version) = await api.PostAsync("/compatibility/subjects/new/versions/1", RegistryApi.SchemaBody(TestSchemas.SampleV1));

        Assert.Equal(200, latestStatus);
        Assert.True((bool)latest!["is_compatible"]!);
        Assert.Equal((404, 40401), (versionStatus, (int)version!["error_code"]!));
    }

    [Fact]
    public async Task Associations_ForTopic_ReturnsEmptyList()
    {
        await using var api = await RegistryApi.StartAsync();

        var (status, body) = await api.GetAsync("/associations/resources/cluster-1/samples?resourceType=topic&associationType=value");

        Assert.Equal((200, "[]"), (status, body!.ToJsonString()));
    }

    [Fact]
    public async Task UnknownRouteAndMethod_ReturnConfluentErrorJson()
    {
        await using var api = await RegistryApi.StartAsync();

        var (notFound, body) = await api.GetAsync("/no/such/path");
        var (notAllowed, _) = await api.PutAsync("/subjects", "{}");

        Assert.Equal((404, 404), (notFound, (int)body!["error_code"]!));
        Assert.Equal(405, notAllowed);
    }

    [Fact]
    public async Task Register_StoreFails_Returns50001AndNextRequestSucceeds()
    {
        await using var api = await RegistryApi.StartAsync();
        api.Store.FailNextAppend(new InvalidOperationException("broker down"));

        var (status, body) = await api.PostAsync("/subjects/s/versions", RegistryApi.SchemaBody(TestSchemas.SampleV1));
        var (missingStatus, _) = await api.GetAsync("/subjects/s/versions");

        Assert.Equal((500, 50001), (status, (int)body!["error_code"]!));
        Assert.Contains("broker down", (string?)body["message"], StringComparison.Ordinal);
        Assert.Equal(404, missingStatus);
        Assert.Equal(1, await api.RegisterAsync("s", TestSchemas.SampleV1));
    }

    [Fact]
    public async Task Restart_FromSameLog_KeepsIdsVersionsAndLevelsAndContinuesIds()
    {
        var store = new InMemorySchemaStore();
        int first, second;
        await using (var api = await RegistryApi.StartAsync(store))
        {
            first = await api.RegisterAsync("s", TestSchemas.SampleV1);
            second = await api.RegisterAsync("s", TestSchemas.SampleV2);
            await api.PutAsync("/config/s", """{"compatibility":"FULL"}""");
            await api.DeleteAsync("/subjects/s/versions/1");
        }

        await using var restarted = await RegistryApi.StartAsync(store);
        var (_, byId) = await restarted.GetAsync($"/schemas/ids/{first}");
        var (_, versions) = await restarted.GetAsync("/subjects/s/versions?deleted=true");
        var (_, live) = await restarted.GetAsync("/subjects/s/versions");
        var (_, level) = await restarted.GetAsync("/config/s");
        var third = await restarted.RegisterAsync("t", TestSchemas.Other);

        Assert.NotNull((string?)byId!["schema"]);
        Assert.Equal("[1,2]", versions!.ToJsonString());
        Assert.Equal("[2]", live!.ToJsonString());
        Assert.Equal("FULL", (string?)level!["compatibilityLevel"]);
        Assert.Equal(second + 1, third);
    }
}
