namespace Streams.Collectors.Prometheus.Tests.Support;

/// <summary>A fact that needs a real peer binary from Debian's packages; skipped, saying which, where it is not installed (infra/setup/install.sh installs it).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PeerFactAttribute : FactAttribute
{
    public PeerFactAttribute(string path)
    {
        Path = path;
        if (!File.Exists(path))
        {
            Skip = $"Peer binary {path} is not installed on this machine (infra/setup/install.sh installs it).";
        }
    }

    public string Path { get; }
}
