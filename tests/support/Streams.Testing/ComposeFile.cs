using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Streams.Testing;

/// <summary>
/// docker-compose.kafka.yml (read from the repository root) with its anchors and merge keys
/// resolved and its <c>${VAR:-default}</c> values expanded to their defaults, as Compose reads it
/// with nothing set.
/// </summary>
public sealed partial class ComposeFile
{
    public const string RelativePath = "docker-compose.kafka.yml";

    private static readonly string[] RunRoles = ["run", "--roles"];

    private ComposeFile(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public YamlMappingNode Services => (YamlMappingNode)Root["services"];

    /// <summary>Every service whose command is <c>run --roles …</c>, in the file's order.</summary>
    public IReadOnlyList<ComposeRole> RoleServices =>
    [
        .. Services.Children
            .Select(s => (Name: s.Key.ToString(), Command: Sequence((YamlMappingNode)s.Value, "command")))
            .Where(s => s.Command.Count == 3 && s.Command.Take(2).SequenceEqual(RunRoles))
            .Select(s => new ComposeRole(s.Name, s.Command[2].Split(',', StringSplitOptions.TrimEntries), Environment(Service(s.Name)))),
    ];

    /// <summary>Every role some service runs.</summary>
    public IReadOnlyList<string> Roles => [.. RoleServices.SelectMany(s => s.Roles).Distinct()];

    public static ComposeFile Load()
    {
        using var reader = new StringReader(RepositoryFiles.Read(RelativePath));
        var stream = new YamlStream();
        stream.Load(reader);
        return new ComposeFile((YamlMappingNode)Merge(stream.Documents[0].RootNode));
    }

    public ComposeRole RoleService(string name) =>
        RoleServices.FirstOrDefault(s => s.Service == name)
            ?? throw new KeyNotFoundException($"{RelativePath} has no service '{name}' that runs `streams run --roles`; it has: {string.Join(", ", RoleServices.Select(s => s.Service))}.");

    public YamlMappingNode Service(string name) =>
        Services.Children.TryGetValue(new YamlScalarNode(name), out var node)
            ? (YamlMappingNode)node
            : throw new KeyNotFoundException($"{RelativePath} has no service '{name}'.");

    public static IReadOnlyDictionary<string, string> Environment(YamlMappingNode service) =>
        service.Children.TryGetValue(new YamlScalarNode("environment"), out var env)
            ? ((YamlMappingNode)env).Children.ToDictionary(e => e.Key.ToString(), e => Interpolate(e.Value.ToString()), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    public static IReadOnlyList<string> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? [.. ((YamlSequenceNode)value).Children.Select(c => c.ToString())]
            : [];

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value.ToString() : null;

    /// <summary>
    /// <c>${VAR:-default}</c> and <c>${VAR-default}</c> as Compose expands them with VAR unset. A
    /// <c>${VAR}</c> without a default is refused: unset, Compose would make it empty, which no
    /// service here is meant to run with.
    /// </summary>
    private static string Interpolate(string value) => Variable().Replace(value, m => m.Groups["default"].Success
        ? m.Groups["default"].Value
        : throw new InvalidOperationException($"{RelativePath}: ${{{m.Groups["name"].Value}}} has no default."));

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::?-(?<default>[^}]*))?\}")]
    private static partial Regex Variable();

    /// <summary>
    /// Applies YAML merge keys (<c>&lt;&lt;: *anchor</c>) the way Compose does: the merged mapping's
    /// entries, then the local ones, which win. YamlDotNet's MergingParser under a YamlStream
    /// (18.1.0) instead throws "Duplicate key Kafka__BootstrapServers" at the collector's override.
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
}
