using System.Collections;
using Avro;
using Avro.Generic;
using Avro.Specific;
using Newtonsoft.Json.Linq;

namespace Streams.Schemas.Tests;

/// <summary>
/// BACKWARD compatibility: today's schema must read data written by a producer that knew none
/// of the optional fields (the oldest possible writer), filling in every default.
/// </summary>
public sealed class EvolutionTests
{
    public static TheoryData<string> Names => SampleRecords.Names;

    public static TheoryData<string> NamesWithEnumField =>
        [.. AvroSchemas.Names.Where(n => AvroSchemas.Get(n).Fields.Any(f => f.Schema is EnumSchema))];

    [Theory]
    [MemberData(nameof(Names))]
    public void SpecificDatumReader_WriterWithoutOptionalFields_AppliesDefaults(string name)
    {
        var sample = SampleRecords.All[name];
        var readerSchema = AvroSchemas.Get(name);
        var writerSchema = (RecordSchema)Schema.Parse(WithoutDefaultedFields(JObject.Parse(AvroSchemas.GetText(name))).ToString());
        Assert.True(writerSchema.Fields.Count < readerSchema.Fields.Count, "the oldest writer must lack some fields");

        var bytes = AvroBinary.WriteGeneric((GenericRecord)ToGeneric(sample, writerSchema)!);
        var read = AvroBinary.Read<ISpecificRecord>(bytes, writerSchema, readerSchema);

        AssertReadAsOldWriterWrote(sample, read, writerSchema);
    }

    [Theory]
    [MemberData(nameof(NamesWithEnumField))]
    public void SpecificDatumReader_RecordWithUnknownEnumSymbol_FallsBackToEnumDefault(string name)
    {
        var readerSchema = AvroSchemas.Get(name);
        var field = readerSchema.Fields.First(f => f.Schema is EnumSchema);
        var json = JObject.Parse(AvroSchemas.GetText(name));
        var enumJson = (JObject)json["fields"]!.Single(f => (string?)f["name"] == field.Name)["type"]!;
        ((JArray)enumJson["symbols"]!).Add("FROM_THE_FUTURE");
        var writerSchema = (RecordSchema)Schema.Parse(json.ToString());
        var generic = (GenericRecord)ToGeneric(SampleRecords.All[name], writerSchema)!;
        generic.Add(field.Name, new GenericEnum((EnumSchema)writerSchema[field.Name].Schema, "FROM_THE_FUTURE"));

        var read = AvroBinary.Read<ISpecificRecord>(AvroBinary.WriteGeneric(generic), writerSchema, readerSchema);

        Assert.Equal(((EnumSchema)field.Schema).Default, read.Get(field.Pos).ToString());
    }

    [Fact]
    public void NewInstance_EveryGeneratedRecord_StartsAtTheSchemaDefaults()
    {
        var records = AvroSchemas.Names.SelectMany(n => SchemaWalker.NamedTypes(AvroSchemas.Get(n))).OfType<RecordSchema>().DistinctBy(r => r.Fullname).ToList();

        Assert.Contains(records, r => r.Name == "SeriesStats");
        foreach (var record in records)
        {
            var instance = (ISpecificRecord)Activator.CreateInstance(typeof(io.streams.avro.MetricSample).Assembly.GetType(record.Fullname, throwOnError: true)!)!;
            foreach (var field in record.Fields.Where(f => f.DefaultValue is not null))
            {
                DefaultAssert.Matches(record, field, instance.Get(field.Pos));
            }
        }
    }

    private static JToken WithoutDefaultedFields(JToken token)
    {
        switch (token)
        {
            case JObject record when record["type"] is JValue { Value: "record" }:
                // Arrays of records stay, so that the old writer's nested records lack their optional fields too.
                var kept = new JArray(record["fields"]!
                    .Where(f => f["default"] is null || (f["type"] is JObject { } type && type["type"] is JValue { Value: "array" } && type["items"] is JObject))
                    .Select(f => WithoutDefaultedFields(f)));
                record["fields"] = kept;
                return record;
            case JObject obj:
                foreach (var property in obj.Properties().ToList())
                {
                    property.Value = WithoutDefaultedFields(property.Value);
                }

                return obj;
            case JArray array:
                return new JArray(array.Select(WithoutDefaultedFields));
            default:
                return token;
        }
    }

    private static object? ToGeneric(object? value, Schema schema) => (value, schema) switch
    {
        (null, _) => null,
        (ISpecificRecord specific, RecordSchema record) => ToGenericRecord(specific, record),
        (_, EnumSchema e) => new GenericEnum(e, value.ToString()),
        (IList list, ArraySchema array) => list.Cast<object?>().Select(item => ToGeneric(item, array.ItemSchema)).ToArray(),
        (IDictionary map, MapSchema m) => map.Keys.Cast<string>().ToDictionary(k => k, k => ToGeneric(map[k], m.ValueSchema)),
        (_, UnionSchema union) => ToGeneric(value, SchemaWalker.NonNull(union)),
        _ => value,
    };

    private static GenericRecord ToGenericRecord(ISpecificRecord specific, RecordSchema writer)
    {
        var generic = new GenericRecord(writer);
        foreach (var field in writer.Fields)
        {
            generic.Add(field.Name, ToGeneric(specific.Get(((RecordSchema)specific.Schema)[field.Name].Pos), field.Schema));
        }

        return generic;
    }

    private static void AssertReadAsOldWriterWrote(ISpecificRecord sample, ISpecificRecord read, RecordSchema writer)
    {
        var reader = (RecordSchema)read.Schema;
        foreach (var field in reader.Fields)
        {
            var value = read.Get(field.Pos);
            if (!writer.TryGetField(field.Name, out var written))
            {
                DefaultAssert.Matches(reader, field, value);
            }
            else if (value is ISpecificRecord nested)
            {
                AssertReadAsOldWriterWrote((ISpecificRecord)sample.Get(field.Pos), nested, (RecordSchema)written.Schema);
            }
            else if (value is IList { Count: > 0 } list && list[0] is ISpecificRecord)
            {
                var expected = (IList)sample.Get(field.Pos);
                var itemWriter = (RecordSchema)((ArraySchema)written.Schema).ItemSchema;
                Assert.Equal(expected.Count, list.Count);
                for (var i = 0; i < list.Count; i++)
                {
                    AssertReadAsOldWriterWrote((ISpecificRecord)expected[i]!, (ISpecificRecord)list[i]!, itemWriter);
                }
            }
            else
            {
                Assert.Equal(sample.Get(field.Pos), value);
            }
        }
    }
}
