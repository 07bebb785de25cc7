using Avro;

namespace Streams.Platform.SchemaRegistry.Registry;

/// <summary>
/// An Avro schema accepted by the registry, with the text that identifies it: the JSON that
/// Apache.Avro renders after parsing, so whitespace, key order and namespace spelling do not
/// make two equal schemas distinct, while defaults, docs and aliases (which matter for
/// resolution) still do. Confluent identifies Avro schemas by the same kind of parsed form.
/// </summary>
internal sealed record ParsedSchema(Schema Avro, string Canonical)
{
    public const string AvroType = "AVRO";

    /// <exception cref="RegistryException">42201 when the text is not a valid Avro schema or another type is asked for.</exception>
    public static ParsedSchema Parse(string? text, string? schemaType)
    {
        if (schemaType is not null && !string.Equals(schemaType, AvroType, StringComparison.OrdinalIgnoreCase))
        {
            throw RegistryException.InvalidSchema($"Schema type '{schemaType}' is not supported: this registry stores AVRO schemas only.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw RegistryException.InvalidSchema("Empty schema.");
        }

        Schema? schema;
        try
        {
            schema = Schema.Parse(text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Apache.Avro reports bad schemas through several exception types (SchemaParseException,
            // Newtonsoft's JsonReaderException, casts that fail on unexpected JSON).
            throw RegistryException.InvalidSchema($"Invalid Avro schema: {e.Message}");
        }

        // Apache.Avro returns null, rather than throwing, for some objects that name no known type.
        if (schema is null)
        {
            throw RegistryException.InvalidSchema("Invalid Avro schema: the JSON does not describe an Avro type.");
        }

        var badDefaults = AvroDefaultValidator.Validate(schema);
        if (badDefaults.Count > 0)
        {
            throw RegistryException.InvalidSchema($"Invalid Avro schema: {string.Join("; ", badDefaults)}");
        }

        return new ParsedSchema(schema, schema.ToString());
    }
}
