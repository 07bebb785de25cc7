using System.Net;
using Confluent.SchemaRegistry;

namespace Streams.Topology.Tests.Serdes;

/// <summary>
/// Test double of the Schema Registry: the register and schema-by-id subset that
/// Confluent's Avro serializer and deserializer call, with the registry's 404 for unknown ids.
/// </summary>
internal sealed class InMemorySchemaRegistryClient : ISchemaRegistryClient
{
    private const int SchemaNotFound = 40403;

    private readonly Lock gate = new();
    // Schema objects are handed out as the same instances every time, as the real cached client
    // does: Confluent's deserializer keys its datum readers on them.
    private readonly List<Schema> schemasById = [];
    private readonly Dictionary<string, List<int>> versionsBySubject = new(StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, string>> Config => [];

    public IAuthenticationHeaderValueProvider? AuthHeaderProvider => null;

    public IWebProxy? Proxy => null;

    public int MaxCachedSchemas => 1000;

    /// <summary>Ids registered under a subject, oldest first.</summary>
    public IReadOnlyList<int> IdsOf(string subject)
    {
        lock (gate)
        {
            return versionsBySubject.TryGetValue(subject, out var ids) ? [.. ids] : [];
        }
    }

    public Task<int> RegisterSchemaAsync(string subject, Schema schema, bool normalize = false) =>
        Task.FromResult(Register(subject, schema.SchemaString));

    public Task<int> RegisterSchemaAsync(string subject, string avroSchema, bool normalize = false) =>
        Task.FromResult(Register(subject, avroSchema));

    public Task<RegisteredSchema> RegisterSchemaWithResponseAsync(string subject, Schema schema, bool normalize = false)
    {
        var id = Register(subject, schema.SchemaString);
        lock (gate)
        {
            return Task.FromResult(Registered(subject, versionsBySubject[subject].IndexOf(id) + 1, id));
        }
    }

    public Task<Schema> GetSchemaAsync(int id, string? format = null) => Task.FromResult(ById(id));

    public Task<Schema> GetSchemaBySubjectAndIdAsync(string subject, int id, string? format = null) => Task.FromResult(ById(id));

    public string ConstructKeySubjectName(string topic, string? recordType = null) => topic + "-key";

    public string ConstructValueSubjectName(string topic, string? recordType = null) => topic + "-value";

    public void ClearLatestCaches()
    {
    }

    public void ClearCaches()
    {
    }

    public void Dispose()
    {
    }

    public Task<int> GetSchemaIdAsync(string subject, string avroSchema, bool normalize = false) => throw Unsupported();

    public Task<int> GetSchemaIdAsync(string subject, Schema schema, bool normalize = false) => throw Unsupported();

    public Task<RegisteredSchema> LookupSchemaAsync(string subject, Schema schema, bool ignoreDeletedSchemas, bool normalize = false) => throw Unsupported();

    public Task<RegisteredSchema> GetLatestSchemaAsync(string subject) => throw Unsupported();

    public Task<List<string>> GetAllSubjectsAsync() => throw Unsupported();

    public Task<List<int>> GetSubjectVersionsAsync(string subject) => throw Unsupported();

    public Task<Schema> GetSchemaByGuidAsync(string guid, string? format = null) => throw Unsupported();

    public Task<RegisteredSchema> GetRegisteredSchemaAsync(string subject, int version, bool ignoreDeletedSchemas = true) => throw Unsupported();

    public Task<string> GetSchemaAsync(string subject, int version) => throw Unsupported();

    public Task<RegisteredSchema> GetLatestWithMetadataAsync(string subject, IDictionary<string, string> metadata, bool ignoreDeletedSchemas) => throw Unsupported();

    public Task<bool> IsCompatibleAsync(string subject, string avroSchema) => throw Unsupported();

    public Task<bool> IsCompatibleAsync(string subject, Schema schema) => throw Unsupported();

    public Task<Compatibility> GetCompatibilityAsync(string? subject = null) => throw Unsupported();

    public Task<Compatibility> UpdateCompatibilityAsync(Compatibility compatibility, string? subject = null) => throw Unsupported();

    public Task<List<Association>> GetAssociationsByResourceNameAsync(string resourceName, string resourceNamespace, string resourceType, List<string> associationTypes, string lifecycle, int offset, int limit) => throw Unsupported();

    public Task<AssociationResponse> CreateAssociationAsync(AssociationCreateOrUpdateRequest request) => throw Unsupported();

    public Task DeleteAssociationsAsync(string resourceId, string resourceType, List<string> associationTypes, bool cascadeLifecycle) => throw Unsupported();

    private static NotSupportedException Unsupported() =>
        new("The in-memory registry serves only what Confluent's Avro serializer and deserializer call.");

    private int Register(string subject, string schema)
    {
        lock (gate)
        {
            var id = schemasById.FindIndex(s => s.SchemaString == schema) + 1;
            if (id == 0)
            {
                schemasById.Add(new Schema(schema, SchemaType.Avro));
                id = schemasById.Count;
            }

            if (!versionsBySubject.TryGetValue(subject, out var ids))
            {
                versionsBySubject[subject] = ids = [];
            }

            if (!ids.Contains(id))
            {
                ids.Add(id);
            }

            return id;
        }
    }

    private Schema ById(int id)
    {
        lock (gate)
        {
            return id >= 1 && id <= schemasById.Count
                ? schemasById[id - 1]
                : throw new SchemaRegistryException($"Schema {id} not found.", HttpStatusCode.NotFound, SchemaNotFound);
        }
    }

    private RegisteredSchema Registered(string subject, int version, int id) =>
        new(subject, version, id, schemasById[id - 1].SchemaString, SchemaType.Avro, []);
}
