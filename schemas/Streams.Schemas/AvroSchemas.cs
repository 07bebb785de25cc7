using System.Collections.Frozen;
using Avro;

namespace Streams.Schemas;

/// <summary>
/// The Avro contract as shipped in this assembly: the text of every .avsc file and its parsed
/// schema, by record name. The Schema Registry, the sinks and the tests read schemas here
/// rather than from the generated classes, so they see exactly the committed contract.
/// </summary>
public static class AvroSchemas
{
    /// <summary>The Avro namespace of every record of the contract.</summary>
    public const string Namespace = "io.streams.avro";

    private const string ResourcePrefix = "Streams.Schemas.avro.";

    private static readonly FrozenDictionary<string, string> Texts = LoadTexts();

    private static readonly FrozenDictionary<string, RecordSchema> Parsed =
        Texts.ToFrozenDictionary(t => t.Key, t => (RecordSchema)Schema.Parse(t.Value), StringComparer.Ordinal);

    /// <summary>Record names (without namespace) of every .avsc file, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Texts.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The parsed schema of a record.</summary>
    /// <param name="name">Record name, short (<c>MetricSample</c>) or full (<c>io.streams.avro.MetricSample</c>).</param>
    /// <exception cref="KeyNotFoundException">No .avsc file defines that record.</exception>
    public static RecordSchema Get(string name) => Parsed[Key(name)];

    /// <summary>The .avsc text of a record, exactly as committed.</summary>
    /// <param name="name">Record name, short or full.</param>
    /// <exception cref="KeyNotFoundException">No .avsc file defines that record.</exception>
    public static string GetText(string name) => Texts[Key(name)];

    private static string Key(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var shortName = name.StartsWith(Namespace + ".", StringComparison.Ordinal) ? name[(Namespace.Length + 1)..] : name;
        return Texts.ContainsKey(shortName)
            ? shortName
            : throw new KeyNotFoundException($"No Avro schema named '{name}'; known: {string.Join(", ", Texts.Keys.Order(StringComparer.Ordinal))}.");
    }

    private static FrozenDictionary<string, string> LoadTexts()
    {
        var assembly = typeof(AvroSchemas).Assembly;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".avsc", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            texts.Add(resource[ResourcePrefix.Length..^".avsc".Length], reader.ReadToEnd());
        }

        return texts.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
