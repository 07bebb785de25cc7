using YamlDotNet.RepresentationModel;

namespace Streams.Deployment.Tests.Kubernetes;

/// <summary>One document of a file under infra/k8s.</summary>
internal sealed record Manifest(string File, YamlMappingNode Root)
{
    public string Kind => Root["kind"].ToString();

    public string Name => ((YamlMappingNode)Root["metadata"])["name"].ToString();

    public YamlMappingNode Spec => (YamlMappingNode)Root["spec"];

    public override string ToString() => $"{File}: {Kind}/{Name}";
}
