using DotNet.Testcontainers.Configurations;

namespace Streams.Deployment.Tests.RealKafka;

/// <summary>Whether a Docker engine answers, as Testcontainers finds one (DOCKER_HOST, ~/.testcontainers.properties, the local socket).</summary>
internal static class DockerEngine
{
    private static readonly Lazy<string?> Reason = new(() =>
        TestcontainersSettings.OS.DockerEndpointAuthConfig is null
            ? "Docker engine not available: Testcontainers found no Docker endpoint that answers (DOCKER_HOST, " +
              "~/.testcontainers.properties, /var/run/docker.sock), so the real-Kafka tests are skipped; they run where Docker does."
            : null);

    /// <summary>Why the engine cannot be used, or null when it can.</summary>
    public static string? UnavailableReason => Reason.Value;
}
