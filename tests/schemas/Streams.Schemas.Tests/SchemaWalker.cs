using Avro;

namespace Streams.Schemas.Tests;

/// <summary>Visits the named types and fields of a schema, nested ones included.</summary>
internal static class SchemaWalker
{
    public static IEnumerable<NamedSchema> NamedTypes(Schema schema) => NamedTypes(schema, []);

    public static IEnumerable<(RecordSchema Record, Field Field)> Fields(Schema schema) =>
        NamedTypes(schema).OfType<RecordSchema>().SelectMany(r => r.Fields.Select(f => (r, f)));

    /// <summary>The non-null branch of a nullable union, or the schema itself.</summary>
    public static Schema NonNull(Schema schema) =>
        schema is UnionSchema union ? union.Schemas.Single(s => s.Tag != Schema.Type.Null) : schema;

    private static IEnumerable<NamedSchema> NamedTypes(Schema schema, HashSet<string> seen)
    {
        switch (schema)
        {
            case NamedSchema named when !seen.Add(named.Fullname):
                yield break;
            case RecordSchema record:
                yield return record;
                foreach (var inner in record.Fields.SelectMany(f => NamedTypes(f.Schema, seen)))
                {
                    yield return inner;
                }

                break;
            case NamedSchema named:
                yield return named;
                break;
            case ArraySchema array:
                foreach (var inner in NamedTypes(array.ItemSchema, seen))
                {
                    yield return inner;
                }

                break;
            case MapSchema map:
                foreach (var inner in NamedTypes(map.ValueSchema, seen))
                {
                    yield return inner;
                }

                break;
            case UnionSchema union:
                foreach (var inner in union.Schemas.SelectMany(s => NamedTypes(s, seen)))
                {
                    yield return inner;
                }

                break;
        }
    }
}
