using YamlDotNet.RepresentationModel;

namespace Streams.Deployment.Tests.Kubernetes;

/// <summary>The Kubernetes manifests under infra/k8s, and the navigation the checks share.</summary>
internal static class ManifestSet
{
    public const string Directory = "infra/k8s";

    public const string Kustomization = "kustomization.yaml";

    public static IReadOnlyList<string> Files { get; } = [.. System.IO.Directory
        .GetFiles(RepositoryFiles.PathOf(Directory), "*.yaml")
        .Select(Path.GetFileName)
        .OfType<string>()
        .Where(f => f != Kustomization)
        .Order(StringComparer.Ordinal)];

    public static IReadOnlyList<Manifest> All { get; } = [.. Files.SelectMany(Load)];

    public static IEnumerable<Manifest> Workloads => All.Where(m => m.Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "Job");

    public static string Text(string file) => RepositoryFiles.Read($"{Directory}/{file}");

    public static Manifest Single(string kind, string name) =>
        All.SingleOrDefault(m => m.Kind == kind && m.Name == name) ?? throw new Xunit.Sdk.XunitException($"No {kind}/{name} under {Directory}.");

    public static YamlMappingNode PodSpec(Manifest workload) => (YamlMappingNode)((YamlMappingNode)workload.Spec["template"])["spec"];

    public static IEnumerable<YamlMappingNode> Containers(Manifest workload) => Sequence(PodSpec(workload), "containers").Cast<YamlMappingNode>();

    public static IReadOnlyList<YamlNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? [.. ((YamlSequenceNode)value).Children] : [];

    public static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (YamlMappingNode)value : null;

    public static IReadOnlyDictionary<string, string> Labels(YamlMappingNode? labels) =>
        labels?.Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString(), StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The value of a container's plain <c>env</c> entry, or null.</summary>
    public static string? Env(YamlMappingNode container, string name) =>
        Sequence(container, "env").Cast<YamlMappingNode>()
            .Where(e => e["name"].ToString() == name)
            .Select(e => e.Children.TryGetValue(new YamlScalarNode("value"), out var value) ? value.ToString() : null)
            .FirstOrDefault();

    private static IEnumerable<Manifest> Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Text(file));
        stream.Load(reader);
        return stream.Documents
            .Where(d => d.RootNode is YamlMappingNode { Children.Count: > 0 })
            .Select(d => new Manifest(file, (YamlMappingNode)d.RootNode));
    }
}
