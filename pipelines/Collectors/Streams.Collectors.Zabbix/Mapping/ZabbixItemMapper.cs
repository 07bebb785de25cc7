using System.Globalization;
using io.streams.avro;

namespace Streams.Collectors.Zabbix.Mapping;

/// <summary>
/// Turns a Zabbix item value into a <see cref="MetricSample"/>: host = the item's host, metric =
/// the first matching rewrite's, else the key's name without its parameters, with the
/// parameters kept in the tag <c>params</c> (so <c>vfs.fs.size[/,pused]</c> and
/// <c>vfs.fs.size[/var,pused]</c> stay two series). Only numeric values become samples.
/// </summary>
internal sealed class ZabbixItemMapper(ZabbixMappingOptions options)
{
    public MetricSample? Map(string host, string key, string value, DateTime timestamp, out string? error)
    {
        if (string.IsNullOrWhiteSpace(host) || string.IsNullOrWhiteSpace(key))
        {
            error = "the item has no host or key";
            return null;
        }

        // Zabbix numeric items are "numeric (float)" or "numeric (unsigned)"; text, log and character items carry no series value.
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            error = $"item '{key}' of '{host}' has a non-numeric value";
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var metric = Rewrite(key, tags) ?? NameOf(key, tags);
        error = null;
        return new MetricSample
        {
            host = host,
            metric = options.MetricPrefix + metric,
            value = number,
            kind = MetricKind.GAUGE,
            timestamp = timestamp,
            tags = tags,
            source = MetricSource.ZABBIX,
        };
    }

    private string? Rewrite(string key, Dictionary<string, string> tags)
    {
        foreach (var rewrite in options.Rewrites)
        {
            var match = rewrite.Regex.Match(key);
            if (!match.Success)
            {
                continue;
            }

            foreach (var name in rewrite.Regex.GetGroupNames())
            {
                if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _) && match.Groups[name].Success)
                {
                    tags[name] = match.Groups[name].Value;
                }
            }

            return match.Result(rewrite.Metric);
        }

        return null;
    }

    private static string NameOf(string key, Dictionary<string, string> tags)
    {
        // Item key syntax (Zabbix manual, "Item key format"): name[param1,param2,...].
        var bracket = key.IndexOf('[', StringComparison.Ordinal);
        if (bracket <= 0 || !key.EndsWith(']'))
        {
            return key;
        }

        tags["params"] = key[(bracket + 1)..^1];
        return key[..bracket];
    }
}
