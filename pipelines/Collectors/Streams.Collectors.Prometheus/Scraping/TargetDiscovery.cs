using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Streams.Collectors.Prometheus.Scraping;

/// <summary>
/// The targets to scrape: the static groups plus those of Prometheus file_sd files. A file_sd file
/// is a list of <c>{"targets": [...], "labels": {...}}</c>, JSON for <c>.json</c> and YAML for
/// <c>.yml</c>/<c>.yaml</c>, as Prometheus decides by extension (configuration docs, file_sd_config).
/// A file that cannot be read keeps its last good targets, as Prometheus does.
/// </summary>
internal sealed class TargetDiscovery(PrometheusOptions options)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).IgnoreUnmatchedProperties().Build();

    private readonly Dictionary<string, List<StaticTargetGroup>> _lastGood = new(StringComparer.Ordinal);

    /// <summary>Files and targets that failed on the last <see cref="Discover"/>, with the error.</summary>
    public List<(string Path, string Error)> Failures { get; } = [];

    public IReadOnlyList<ScrapeTarget> Discover()
    {
        Failures.Clear();
        var targets = new List<ScrapeTarget>();
        foreach (var group in options.StaticTargets)
        {
            Add(group, targets);
        }

        foreach (var path in options.FileSdPaths)
        {
            try
            {
                _lastGood[path] = ReadFile(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or YamlException or FormatException)
            {
                Failures.Add((path, ex.Message));
            }

            if (_lastGood.TryGetValue(path, out var groups))
            {
                foreach (var group in groups)
                {
                    Add(group, targets);
                }
            }
        }

        return targets;
    }

    internal static List<StaticTargetGroup> ReadFile(string path)
    {
        var text = File.ReadAllText(path);
        var groups = Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase)
            ? JsonSerializer.Deserialize<List<StaticTargetGroup>>(text, Json)
            : Yaml.Deserialize<List<StaticTargetGroup>>(text);
        groups ??= [];
        if (groups.Any(g => g.Targets is null || g.Targets.Any(string.IsNullOrWhiteSpace)))
        {
            throw new FormatException($"{path}: every target group needs a list of non-empty targets");
        }

        return groups;
    }

    private void Add(StaticTargetGroup group, List<ScrapeTarget> targets)
    {
        foreach (var target in group.Targets)
        {
            var text = target.Contains("://", StringComparison.Ordinal) ? target : "http://" + target + options.MetricsPath;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url))
            {
                Failures.Add((target, "not host:port or a URL"));
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["instance"] = url.Authority,
                ["job"] = "prometheus",
            };
            foreach (var (key, value) in group.Labels ?? [])
            {
                // Prometheus' reserved __meta_* and __address__ style labels are relabelling input, not series labels.
                if (!key.StartsWith("__", StringComparison.Ordinal))
                {
                    labels[key] = value;
                }
            }

            targets.Add(new ScrapeTarget(url, [.. labels]));
        }
    }
}
