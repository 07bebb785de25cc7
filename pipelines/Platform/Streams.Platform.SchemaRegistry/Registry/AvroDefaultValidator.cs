using Avro;
using Newtonsoft.Json.Linq;

namespace Streams.Platform.SchemaRegistry.Registry;

/// <summary>
/// Checks that every field default fits its field's type. Apache.Avro's parser accepts
/// <c>{"type":"int","default":"x"}</c>; Confluent's registry refuses it (42201), and a reader
/// resolving with such a default would fail only later, on the first record that needs it.
/// </summary>
internal static class AvroDefaultValidator
{
    /// <summary>One line per bad default; empty when all fit.</summary>
    public static IReadOnlyList<string> Validate(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<string>();
        Walk(schema, new HashSet<Schema>(ReferenceEqualityComparer.Instance), problems);
        return problems;
    }

    private static void Walk(Schema schema, HashSet<Schema> visited, List<string> problems)
    {
        switch (schema)
        {
            case RecordSchema record when visited.Add(record):
                foreach (var field in record.Fields)
                {
                    if (field.DefaultValue is { } value && !Fits(field.Schema, value))
                    {
                        problems.Add($"default value {value.ToString(Newtonsoft.Json.Formatting.None)} of field '{field.Name}' in record '{record.Fullname}' is not a valid {field.Schema.Tag.ToString().ToLowerInvariant()}");
                    }

                    Walk(field.Schema, visited, problems);
                }

                break;
            case ArraySchema array:
                Walk(array.ItemSchema, visited, problems);
                break;
            case MapSchema map:
                Walk(map.ValueSchema, visited, problems);
                break;
            case UnionSchema union:
                foreach (var branch in union.Schemas)
                {
                    Walk(branch, visited, problems);
                }

                break;
            case LogicalSchema logical:
                Walk(logical.BaseSchema, visited, problems);
                break;
        }
    }

    private static bool Fits(Schema schema, JToken value) => schema switch
    {
        LogicalSchema logical => Fits(logical.BaseSchema, value),
        // Avro 1.12 lets a union default match any branch, not only the first.
        UnionSchema union => union.Schemas.Any(branch => Fits(branch, value)),
        EnumSchema enumeration => value.Type == JTokenType.String && enumeration.Contains((string)value!),
        FixedSchema fixedSchema => value.Type == JTokenType.String && ((string)value!).Length == fixedSchema.Size,
        ArraySchema array => value is JArray items && items.All(item => Fits(array.ItemSchema, item)),
        MapSchema map => value is JObject entries && entries.Properties().All(entry => Fits(map.ValueSchema, entry.Value)),
        RecordSchema record => value is JObject members && record.Fields.All(field =>
            members.TryGetValue(field.Name, out var member) ? Fits(field.Schema, member) : field.DefaultValue is not null),
        _ => schema.Tag switch
        {
            Schema.Type.Null => value.Type == JTokenType.Null,
            Schema.Type.Boolean => value.Type == JTokenType.Boolean,
            Schema.Type.Int => value.Type == JTokenType.Integer && (long)value >= int.MinValue && (long)value <= int.MaxValue,
            Schema.Type.Long => value.Type == JTokenType.Integer,
            Schema.Type.Float or Schema.Type.Double => value.Type is JTokenType.Integer or JTokenType.Float,
            Schema.Type.String or Schema.Type.Bytes => value.Type == JTokenType.String,
            _ => false,
        },
    };
}
