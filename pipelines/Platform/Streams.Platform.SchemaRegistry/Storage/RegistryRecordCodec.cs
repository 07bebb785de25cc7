using System.Text.Json;
using System.Text.Json.Nodes;

namespace Streams.Platform.SchemaRegistry.Storage;

/// <summary>
/// Confluent Schema Registry's JSON layout of the <c>_schemas</c> topic, so the topic stays
/// readable by Confluent's tooling: SCHEMA keys <c>{"keytype":"SCHEMA","subject":s,"version":v,"magic":1}</c>
/// with values <c>{"subject","version","id","schemaType"?,"schema","deleted"}</c>; CONFIG keys
/// <c>{"keytype":"CONFIG","subject":null|s,"magic":0}</c> with values <c>{"compatibilityLevel":L}</c>.
/// </summary>
internal static class RegistryRecordCodec
{
    public static StoredRecord Encode(RegistryChange change) => change switch
    {
        SchemaChange schema => new StoredRecord(
            new JsonObject
            {
                ["keytype"] = "SCHEMA",
                ["subject"] = schema.Subject,
                ["version"] = schema.Version,
                ["magic"] = 1,
            }.ToJsonString(RegistryJson.Options),
            schema.IsTombstone ? null : SchemaValue(schema)),
        ConfigChange config => new StoredRecord(
            new JsonObject
            {
                ["keytype"] = "CONFIG",
                ["subject"] = config.Subject,
                ["magic"] = 0,
            }.ToJsonString(RegistryJson.Options),
            config.Level is null ? null : new JsonObject { ["compatibilityLevel"] = config.Level }.ToJsonString(RegistryJson.Options)),
        _ => throw new ArgumentException($"Unknown change {change.GetType().Name}.", nameof(change)),
    };

    /// <summary>The change a record stands for, or null for key types this registry does not use (NOOP, DELETE_SUBJECT, MODE…).</summary>
    /// <exception cref="JsonException">The key or value is not the JSON Confluent writes.</exception>
    public static RegistryChange? Decode(StoredRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = JsonNode.Parse(record.Key)?.AsObject() ?? throw new JsonException("Null key.");
        var value = record.Value is null ? null : JsonNode.Parse(record.Value)?.AsObject();
        switch ((string?)key["keytype"])
        {
            case "SCHEMA":
                var subject = (string?)key["subject"] ?? throw new JsonException("SCHEMA key without subject.");
                var version = (int?)key["version"] ?? throw new JsonException("SCHEMA key without version.");
                if (value is null)
                {
                    return new SchemaChange(subject, version, 0, null, null, false);
                }

                return new SchemaChange(
                    subject,
                    version,
                    (int?)value["id"] ?? throw new JsonException("SCHEMA value without id."),
                    (string?)value["schema"] ?? throw new JsonException("SCHEMA value without schema."),
                    (string?)value["schemaType"],
                    (bool?)value["deleted"] ?? false);
            case "CONFIG":
                return new ConfigChange((string?)key["subject"], (string?)value?["compatibilityLevel"]);
            default:
                return null;
        }
    }

    private static string SchemaValue(SchemaChange schema)
    {
        var value = new JsonObject
        {
            ["subject"] = schema.Subject,
            ["version"] = schema.Version,
            ["id"] = schema.Id,
        };
        if (schema.SchemaType is not null)
        {
            value["schemaType"] = schema.SchemaType;
        }

        value["schema"] = schema.Schema;
        value["deleted"] = schema.Deleted;
        return value.ToJsonString(RegistryJson.Options);
    }
}
