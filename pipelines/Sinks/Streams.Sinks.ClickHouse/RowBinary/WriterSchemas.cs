using System.Collections.Concurrent;
using System.Net;
using Avro;
using Confluent.SchemaRegistry;

namespace Streams.Sinks.ClickHouse.RowBinary;

/// <summary>
/// Which registry schema ids are exactly the schema a transcoder was written for (same Parsing
/// Canonical Form, hence the same binary encoding), each id asked of the registry once.
/// Thread-safe.
/// </summary>
internal sealed class WriterSchemas(ISchemaRegistryClient registry, string canonicalForm)
{
    private readonly ConcurrentDictionary<int, bool> known = new();

    /// <summary>Whether <paramref name="schemaId"/> is already known, and if so whether it matches.</summary>
    public bool TryMatches(int schemaId, out bool matches) => known.TryGetValue(schemaId, out matches);

    /// <summary>
    /// Asks the registry. An id it does not know, or a schema that is not Avro, does not match
    /// (the generic path then says why the record cannot be read); any other failure throws, to be retried.
    /// </summary>
    public async Task<bool> MatchesAsync(int schemaId)
    {
        bool matches;
        try
        {
            var registered = await registry.GetSchemaAsync(schemaId, format: null);
            matches = registered.SchemaType == SchemaType.Avro
                && SchemaNormalization.ToParsingForm(Avro.Schema.Parse(registered.SchemaString)) == canonicalForm;
        }
        catch (SchemaRegistryException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            matches = false;
        }
        catch (SchemaParseException)
        {
            matches = false;
        }

        known[schemaId] = matches;
        return matches;
    }
}
