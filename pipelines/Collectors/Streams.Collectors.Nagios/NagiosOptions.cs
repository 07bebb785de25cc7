using Streams.Collectors.Publishing;
using Streams.Platform.Security;

namespace Streams.Collectors.Nagios;

/// <summary>The Nagios integration's settings, section <c>Nagios</c>: the NRDP endpoint and how check results are mapped.</summary>
public sealed class NagiosOptions
{
    public const string SectionName = "Nagios";

    /// <summary>
    /// NRDP tokens accepted (NRDP's <c>$cfg['authorized_tokens']</c>). Empty: the one token in
    /// <see cref="TokenFile"/>, generated at the first start. A request without an accepted token is refused.
    /// </summary>
    public List<string> Tokens { get; set; } = [];

    /// <summary>Where the generated token is kept (mode 0600) when <see cref="Tokens"/> is empty; unset is <c>nagios/nrdp.token</c> under the data directory (<c>Streams:DataDir</c>).</summary>
    public string? TokenFile { get; set; }

    /// <summary>First part of every metric: <c>{prefix}.check.state</c> and <c>{prefix}.{service}.{perf label}</c>.</summary>
    public string MetricPrefix { get; set; } = "nagios";

    /// <summary>Largest NRDP request accepted.</summary>
    public int MaxRequestBytes { get; set; } = 4 << 20;

    /// <summary>Samples to <c>metrics.raw</c>.</summary>
    public PublishingOptions Publishing { get; set; } = new() { SpoolPath = StreamsDataDirectory.DefaultPath("Nagios:Publishing:SpoolPath") };

    /// <summary>State changes, as events, to <c>logs.raw</c>.</summary>
    public PublishingOptions EventsPublishing { get; set; } = new() { SpoolPath = StreamsDataDirectory.DefaultPath("Nagios:EventsPublishing:SpoolPath") };

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(MetricPrefix) || MaxRequestBytes < 1024)
        {
            throw new InvalidOperationException("Nagios:MetricPrefix must not be empty and Nagios:MaxRequestBytes must be at least 1024.");
        }
    }
}
