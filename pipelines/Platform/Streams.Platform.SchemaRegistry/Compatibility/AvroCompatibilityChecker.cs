using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Avro;

namespace Streams.Platform.SchemaRegistry.Compatibility;

/// <summary>
/// Decides whether data written with one Avro schema can be read with another, following the
/// schema-resolution rules of the Avro specification, and says why not. Apache.Avro's own
/// <c>Schema.CanRead</c> answers only yes or no, ignores enum defaults and reader aliases, so
/// the registry cannot explain a 409 with it.
/// </summary>
internal static class AvroCompatibilityChecker
{
    /// <summary>The incompatibilities found; empty when <paramref name="reader"/> reads everything <paramref name="writer"/> writes.</summary>
    public static IReadOnlyList<string> Check(Schema reader, Schema writer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        var messages = new List<string>();
        new Walk(messages, new HashSet<(Schema, Schema)>(PairComparer.Instance)).Compare(reader, writer, string.Empty);
        return messages;
    }

    /// <param name="inProgress">
    /// Pairs already being compared: a recursive type (a linked list) is compatible with itself
    /// unless some other part of it says otherwise. Shared with the probes of union branches.
    /// </param>
    private sealed class Walk(List<string> messages, HashSet<(Schema Reader, Schema Writer)> inProgress)
    {

        public void Compare(Schema reader, Schema writer, string path)
        {
            if (!inProgress.Add((reader, writer)))
            {
                return;
            }

            try
            {
                CompareUnwrapped(reader, writer, path);
            }
            finally
            {
                inProgress.Remove((reader, writer));
            }
        }

        private void CompareUnwrapped(Schema reader, Schema writer, string path)
        {
            if (reader is LogicalSchema || writer is LogicalSchema)
            {
                CompareLogical(reader, writer, path);
                return;
            }

            if (writer is UnionSchema writerUnion)
            {
                // Every branch the writer may have used must resolve in the reader.
                for (var i = 0; i < writerUnion.Count; i++)
                {
                    Compare(reader, writerUnion[i], $"{path}/{i}");
                }

                return;
            }

            if (reader is UnionSchema readerUnion)
            {
                if (!readerUnion.Schemas.Any(branch => Reads(branch, writer)))
                {
                    Fail(path, $"reader union {Describe(reader)} has no branch that reads writer type {Describe(writer)}");
                }

                return;
            }

            switch (reader.Tag)
            {
                case Schema.Type.Record:
                case Schema.Type.Error:
                    CompareRecords((RecordSchema)reader, writer, path);
                    break;
                case Schema.Type.Enumeration:
                    CompareEnums((EnumSchema)reader, writer, path);
                    break;
                case Schema.Type.Fixed:
                    CompareFixed((FixedSchema)reader, writer, path);
                    break;
                case Schema.Type.Array when writer is ArraySchema writerArray:
                    Compare(((ArraySchema)reader).ItemSchema, writerArray.ItemSchema, $"{path}/items");
                    break;
                case Schema.Type.Map when writer is MapSchema writerMap:
                    Compare(((MapSchema)reader).ValueSchema, writerMap.ValueSchema, $"{path}/values");
                    break;
                default:
                    if (!PrimitiveReads(reader.Tag, writer.Tag))
                    {
                        Fail(path, $"reader type {Describe(reader)} cannot read writer type {Describe(writer)}");
                    }

                    break;
            }
        }

        private void CompareLogical(Schema reader, Schema writer, string path)
        {
            // A logical type annotates its base type; data resolves by the base type, but two
            // different annotations (or decimals of another precision or scale) change meaning.
            if (reader is LogicalSchema r && writer is LogicalSchema w)
            {
                if (r.LogicalTypeName != w.LogicalTypeName)
                {
                    Fail(path, $"reader logical type '{r.LogicalTypeName}' cannot read writer logical type '{w.LogicalTypeName}'");
                    return;
                }

                foreach (var property in new[] { "precision", "scale" })
                {
                    var readerValue = r.GetProperty(property) ?? (property == "scale" ? "0" : null);
                    var writerValue = w.GetProperty(property) ?? (property == "scale" ? "0" : null);
                    if (readerValue != writerValue)
                    {
                        Fail(path, $"reader {r.LogicalTypeName} {property} {readerValue} differs from writer {property} {writerValue}");
                    }
                }
            }

            Compare(reader is LogicalSchema rl ? rl.BaseSchema : reader, writer is LogicalSchema wl ? wl.BaseSchema : writer, path);
        }

        private void CompareRecords(RecordSchema reader, Schema writer, string path)
        {
            if (writer is not RecordSchema writerRecord || !NamesMatch(reader, writerRecord))
            {
                Fail(path, $"reader record {Describe(reader)} cannot read writer type {Describe(writer)}");
                return;
            }

            foreach (var field in reader.Fields)
            {
                var writerField = FindWriterField(field, writerRecord);
                if (writerField is not null)
                {
                    Compare(field.Schema, writerField.Schema, $"{path}/fields/{field.Name}");
                }
                else if (field.DefaultValue is null)
                {
                    Fail($"{path}/fields/{field.Name}", $"reader field '{field.Name}' of record '{reader.Fullname}' has no default value and is missing from the writer");
                }
            }
        }

        private void CompareEnums(EnumSchema reader, Schema writer, string path)
        {
            if (writer is not EnumSchema writerEnum || !NamesMatch(reader, writerEnum))
            {
                Fail(path, $"reader enum {Describe(reader)} cannot read writer type {Describe(writer)}");
                return;
            }

            var missing = writerEnum.Symbols.Where(s => !reader.Contains(s)).ToList();
            if (missing.Count > 0 && reader.Default is null)
            {
                Fail(path, $"reader enum '{reader.Fullname}' lacks writer symbols [{string.Join(", ", missing)}] and has no default symbol");
            }
        }

        private void CompareFixed(FixedSchema reader, Schema writer, string path)
        {
            if (writer is not FixedSchema writerFixed || !NamesMatch(reader, writerFixed))
            {
                Fail(path, $"reader fixed {Describe(reader)} cannot read writer type {Describe(writer)}");
            }
            else if (reader.Size != writerFixed.Size)
            {
                Fail(path, $"reader fixed '{reader.Fullname}' has size {reader.Size} but the writer's has size {writerFixed.Size}");
            }
        }

        private bool Reads(Schema reader, Schema writer)
        {
            var probe = new List<string>();
            new Walk(probe, inProgress).Compare(reader, writer, string.Empty);
            return probe.Count == 0;
        }

        private void Fail(string path, string message) =>
            messages.Add($"at '{(path.Length == 0 ? "/" : path)}': {message}");
    }

    /// <summary>The promotions the Avro specification allows (int→long→float→double, string↔bytes).</summary>
    private static bool PrimitiveReads(Schema.Type reader, Schema.Type writer) =>
        reader == writer || (reader, writer) switch
        {
            (Schema.Type.Long, Schema.Type.Int) => true,
            (Schema.Type.Float, Schema.Type.Int or Schema.Type.Long) => true,
            (Schema.Type.Double, Schema.Type.Int or Schema.Type.Long or Schema.Type.Float) => true,
            (Schema.Type.String, Schema.Type.Bytes) => true,
            (Schema.Type.Bytes, Schema.Type.String) => true,
            _ => false,
        };

    /// <summary>Named types match by unqualified name (as Avro's Java resolver does) or by a reader alias.</summary>
    private static bool NamesMatch(NamedSchema reader, NamedSchema writer) =>
        reader.Name == writer.Name || AliasesOf(reader).Contains(writer.Fullname);

    // Apache.Avro keeps a named type's aliases internal; its JSON form lists them fully qualified.
    private static IEnumerable<string> AliasesOf(NamedSchema schema) =>
        JsonNode.Parse(schema.ToString())?["aliases"]?.AsArray().Select(alias => alias?.GetValue<string>() ?? string.Empty) ?? [];

    private static Field? FindWriterField(Field readerField, RecordSchema writer)
    {
        if (writer.TryGetField(readerField.Name, out var byName))
        {
            return byName;
        }

        return readerField.Aliases?.Select(alias => writer.TryGetField(alias, out var byAlias) ? byAlias : null)
            .FirstOrDefault(f => f is not null);
    }

    private static string Describe(Schema schema) => schema switch
    {
        NamedSchema named => $"'{named.Fullname}' ({schema.Tag.ToString().ToLowerInvariant()})",
        UnionSchema union => $"[{string.Join(", ", union.Schemas.Select(s => s is NamedSchema n ? n.Fullname : s.Name))}]",
        LogicalSchema logical => $"'{logical.LogicalTypeName}'",
        _ => $"'{schema.Name}'",
    };

    private sealed class PairComparer : IEqualityComparer<(Schema Reader, Schema Writer)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((Schema Reader, Schema Writer) x, (Schema Reader, Schema Writer) y) =>
            ReferenceEquals(x.Reader, y.Reader) && ReferenceEquals(x.Writer, y.Writer);

        public int GetHashCode((Schema Reader, Schema Writer) obj) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Reader), RuntimeHelpers.GetHashCode(obj.Writer));
    }
}
