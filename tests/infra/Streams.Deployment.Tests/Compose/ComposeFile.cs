using YamlDotNet.RepresentationModel;

namespace Streams.Deployment.Tests.Compose;

/// <summary>docker-compose.kafka.yml with its anchors and merge keys resolved, as Compose reads it.</summary>
internal sealed class ComposeFile
{
    public const string RelativePath = "docker-compose.kafka.yml";

    private ComposeFile(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public YamlMappingNode Services => (YamlMappingNode)Root["services"];

    public static ComposeFile Load()
    {
        using var reader = new StringReader(RepositoryFiles.Read(RelativePath));
        var stream = new YamlStream();
        stream.Load(reader);
        return new ComposeFile((YamlMappingNode)Merge(stream.Documents[0].RootNode));
    }

    /// <summary>
    /// Applies YAML merge keys (<c>&lt;&lt;: *anchor</c>) the way Compose does: the merged mapping's
    /// entries, then the local ones, which win. YamlDotNet's MergingParser instead reports a
    /// local override of a merged key as a duplicate.
    /// </summary>
    private static YamlNode Merge(YamlNode node) => node switch
    {
        YamlMappingNode mapping => MergeMapping(mapping),
        YamlSequenceNode sequence => new YamlSequenceNode(sequence.Children.Select(Merge)),
        _ => node,
    };

    private static YamlMappingNode MergeMapping(YamlMappingNode mapping)
    {
        var merged = new YamlMappingNode();
        var mergeKey = new YamlScalarNode("<<");
        if (mapping.Children.TryGetValue(mergeKey, out var source))
        {
            foreach (var entry in ((YamlMappingNode)Merge(source)).Children)
            {
                merged.Children[entry.Key] = entry.Value;
            }
        }

        foreach (var entry in mapping.Children.Where(e => !e.Key.Equals(mergeKey)))
        {
            merged.Children[entry.Key] = Merge(entry.Value);
        }

        return merged;
    }

    public YamlMappingNode Service(string name) =>
        Services.Children.TryGetValue(new YamlScalarNode(name), out var node)
            ? (YamlMappingNode)node
            : throw new Xunit.Sdk.XunitException($"{RelativePath} has no service '{name}'.");

    public static IReadOnlyDictionary<string, string> Environment(YamlMappingNode service) =>
        service.Children.TryGetValue(new YamlScalarNode("environment"), out var env)
            ? ((YamlMappingNode)env).Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    public static IReadOnlyList<string> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? [.. ((YamlSequenceNode)value).Children.Select(c => c.ToString())]
            : [];

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value.ToString() : null;
}
