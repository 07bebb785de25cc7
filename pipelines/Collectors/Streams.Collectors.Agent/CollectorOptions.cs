using Streams.Collectors.Publishing;
using Streams.Platform.Security;

namespace Streams.Collectors.Agent;

/// <summary>The host agent's settings, section <c>Collector</c>.</summary>
public sealed class CollectorOptions
{
    public const string SectionName = "Collector";

    /// <summary>Host identity on every sample and the Kafka key; defaults to the machine name.</summary>
    public string Host { get; set; } = Environment.MachineName;

    /// <summary>Labels added to every series (role, dc, …).</summary>
    public Dictionary<string, string> Tags { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Seconds between samples, 1 to 3600.</summary>
    public int IntervalSeconds { get; set; } = 10;

    /// <summary>Where /proc and /sys are found: <c>/</c>, or the host's root mounted into a container (e.g. <c>/host</c>).</summary>
    public string RootPath { get; set; } = "/";

    public PublishingOptions Publishing { get; set; } = new() { SpoolPath = StreamsDataDirectory.DefaultPath("Collector:Publishing:SpoolPath") };

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new InvalidOperationException("Collector:Host must name this host.");
        }

        if (IntervalSeconds is < 1 or > 3600)
        {
            throw new InvalidOperationException($"Collector:IntervalSeconds must be between 1 and 3600; got {IntervalSeconds}.");
        }

        if (!Directory.Exists(Path.Join(RootPath, "proc")))
        {
            throw new InvalidOperationException($"Collector:RootPath '{RootPath}' has no proc directory.");
        }
    }
}
