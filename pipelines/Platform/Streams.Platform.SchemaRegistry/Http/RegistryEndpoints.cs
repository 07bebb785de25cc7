using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Streams.Platform.SchemaRegistry.Compatibility;
using Streams.Platform.SchemaRegistry.Registry;

namespace Streams.Platform.SchemaRegistry.Http;

/// <summary>
/// The REST subset of Confluent Schema Registry that Confluent.SchemaRegistry's
/// CachedSchemaRegistryClient and the Avro serdes call, with Confluent's paths, bodies and
/// error codes (docs.confluent.io/platform/current/schema-registry/develop/api.html).
/// </summary>
internal static class RegistryEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, SchemaRegistryService registry)
    {
        routes.MapGet("/", context => RegistryHttp.WriteAsync(context, new JsonObject()));
        routes.MapGet("/schemas/types", context => RegistryHttp.WriteAsync(context, new JsonArray(ParsedSchema.AvroType)));
        routes.MapGet("/mode", context => RegistryHttp.WriteAsync(context, new JsonObject { ["mode"] = "READWRITE" }));
        // Confluent.SchemaRegistry 2.16's default subject-name strategy asks which subject a topic
        // is associated with before falling back to <topic>-value; like Confluent's registry
        // with no associations, answer with an empty list.
        routes.MapGet("/associations/resources/{resourceNamespace}/{resourceName}", context => RegistryHttp.WriteAsync(context, new JsonArray()));

        routes.MapGet("/schemas/ids/{id}", context =>
            RegistryHttp.WriteAsync(context, new JsonObject { ["schema"] = registry.SchemaById(Id(context)).Canonical }));
        routes.MapGet("/schemas/ids/{id}/schema", context =>
            RawSchemaAsync(context, registry.SchemaById(Id(context))));
        routes.MapGet("/schemas/ids/{id}/versions", context =>
            RegistryHttp.WriteAsync(context, new JsonArray([.. registry.VersionsWithId(Id(context)).Select(v => new JsonObject { ["subject"] = v.Subject, ["version"] = v.Version })])));

        routes.MapGet("/subjects", context =>
            RegistryHttp.WriteAsync(context, new JsonArray([.. registry.Subjects(RegistryHttp.Flag(context, "deleted")).Select(s => JsonValue.Create(s))])));
        routes.MapPost("/subjects/{subject}", async context =>
        {
            var (schema, type) = await ReadSchemaAsync(context);
            var found = registry.Lookup(Subject(context), schema, type, RegistryHttp.Flag(context, "deleted"));
            await RegistryHttp.WriteAsync(context, Describe(found));
        });
        routes.MapDelete("/subjects/{subject}", async context =>
        {
            var versions = await registry.DeleteSubjectAsync(Subject(context), RegistryHttp.Flag(context, "permanent"), context.RequestAborted);
            await RegistryHttp.WriteAsync(context, Numbers(versions));
        });

        routes.MapGet("/subjects/{subject}/versions", context =>
            RegistryHttp.WriteAsync(context, Numbers(registry.VersionNumbers(Subject(context), RegistryHttp.Flag(context, "deleted")))));
        routes.MapPost("/subjects/{subject}/versions", async context =>
        {
            // normalize is accepted: Avro schemas are always identified by their parsed form.
            RegistryHttp.Flag(context, "normalize");
            var (schema, type) = await ReadSchemaAsync(context);
            var id = await registry.RegisterAsync(Subject(context), schema, type, context.RequestAborted);
            await RegistryHttp.WriteAsync(context, new JsonObject { ["id"] = id });
        });
        routes.MapGet("/subjects/{subject}/versions/{version}", context =>
            RegistryHttp.WriteAsync(context, Describe(registry.GetVersion(Subject(context), Version(context), RegistryHttp.Flag(context, "deleted")))));
        routes.MapGet("/subjects/{subject}/versions/{version}/schema", context =>
            RawSchemaAsync(context, registry.GetVersion(Subject(context), Version(context), RegistryHttp.Flag(context, "deleted")).Schema));
        routes.MapGet("/subjects/{subject}/versions/{version}/referencedby", context =>
        {
            // Schema references are not supported, so nothing refers to any version.
            registry.GetVersion(Subject(context), Version(context), includeDeleted: true);
            return RegistryHttp.WriteAsync(context, new JsonArray());
        });
        routes.MapDelete("/subjects/{subject}/versions/{version}", async context =>
        {
            var version = await registry.DeleteVersionAsync(Subject(context), Version(context), RegistryHttp.Flag(context, "permanent"), context.RequestAborted);
            await RegistryHttp.WriteAsync(context, JsonValue.Create(version));
        });

        routes.MapPost("/compatibility/subjects/{subject}/versions/{version}", context => CompatibilityAsync(context, registry, Version(context)));
        routes.MapPost("/compatibility/subjects/{subject}/versions", context => CompatibilityAsync(context, registry, null));

        routes.MapGet("/config", context =>
            RegistryHttp.WriteAsync(context, Level(registry.GlobalLevel())));
        routes.MapPut("/config", context => SetLevelAsync(context, registry, null));
        routes.MapGet("/config/{subject}", context =>
            RegistryHttp.WriteAsync(context, Level(registry.SubjectLevel(Subject(context), RegistryHttp.Flag(context, "defaultToGlobal")))));
        routes.MapPut("/config/{subject}", context => SetLevelAsync(context, registry, Subject(context)));
        routes.MapDelete("/config/{subject}", async context =>
            await RegistryHttp.WriteAsync(context, Level(await registry.DeleteSubjectLevelAsync(Subject(context), context.RequestAborted))));
    }

    private static async Task CompatibilityAsync(HttpContext context, SchemaRegistryService registry, string? version)
    {
        var verbose = RegistryHttp.Flag(context, "verbose");
        var (schema, type) = await ReadSchemaAsync(context);
        var reasons = registry.TestCompatibility(Subject(context), version, schema, type);
        var body = new JsonObject { ["is_compatible"] = reasons.Count == 0 };
        if (verbose)
        {
            body["messages"] = new JsonArray([.. reasons.Select(r => JsonValue.Create(r))]);
        }

        await RegistryHttp.WriteAsync(context, body);
    }

    private static async Task SetLevelAsync(HttpContext context, SchemaRegistryService registry, string? subject)
    {
        var body = await RegistryHttp.ReadObjectAsync(context);
        var level = await registry.SetLevelAsync(subject, RegistryHttp.StringMember(body, "compatibility"), context.RequestAborted);
        await RegistryHttp.WriteAsync(context, new JsonObject { ["compatibility"] = CompatibilityPolicy.ToName(level) });
    }

    private static async Task<(string? Schema, string? Type)> ReadSchemaAsync(HttpContext context)
    {
        var body = await RegistryHttp.ReadObjectAsync(context);
        if (body["references"] is JsonArray { Count: > 0 })
        {
            throw RegistryException.InvalidSchema("Schema references are not supported by this registry.");
        }

        return (RegistryHttp.StringMember(body, "schema"), RegistryHttp.StringMember(body, "schemaType"));
    }

    /// <summary>The schema itself as the response body, as Confluent's <c>/schema</c> endpoints return it.</summary>
    private static Task RawSchemaAsync(HttpContext context, ParsedSchema schema) =>
        RegistryHttp.WriteAsync(context, JsonNode.Parse(schema.Canonical));

    private static JsonObject Describe(SchemaVersion version) => new()
    {
        ["subject"] = version.Subject,
        ["version"] = version.Version,
        ["id"] = version.Id,
        ["schema"] = version.Schema.Canonical,
    };

    private static JsonObject Level(CompatibilityLevel level) => new() { ["compatibilityLevel"] = CompatibilityPolicy.ToName(level) };

    private static JsonArray Numbers(IEnumerable<int> numbers) => new([.. numbers.Select(n => JsonValue.Create(n))]);

    private static string Subject(HttpContext context) => RegistryHttp.Route(context, "subject");

    private static string Version(HttpContext context) => RegistryHttp.Route(context, "version");

    private static int Id(HttpContext context)
    {
        var raw = RegistryHttp.Route(context, "id");
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw RegistryException.SchemaNotFound($"Schema {raw} not found.");
    }
}
