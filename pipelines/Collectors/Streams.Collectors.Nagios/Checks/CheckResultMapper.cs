using System.Text;
using io.streams.avro;
using Streams.Collectors.Nagios.Perfdata;

namespace Streams.Collectors.Nagios.Checks;

/// <summary>
/// Turns a check result into series: <c>{prefix}.check.state</c> (the state code, tag
/// <c>service</c>; <c>_host</c> for a host check) and one <c>{prefix}.{service}.{label}</c> per
/// perfdata item, names lower-cased with every run of other characters made one <c>_</c>, values
/// in the platform's unit (raw value kept), the thresholds as tags <c>warn</c>/<c>crit</c>.
/// </summary>
internal sealed class CheckResultMapper(NagiosOptions options)
{
    public const string HostCheckService = "_host";

    public List<MetricSample> Map(CheckResult result, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(result);
        var service = result.Service ?? HostCheckService;
        var samples = new List<MetricSample>
        {
            Sample(result, options.MetricPrefix + ".check.state", result.State, null, "", MetricKind.GAUGE, new() { ["service"] = service }),
        };
        var output = PluginOutput.Parse(result.Output);
        foreach (var perf in PerfdataParser.Parse(output.Perfdata, errors))
        {
            var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["service"] = service };
            AddIfSet(tags, "warn", perf.Warning);
            AddIfSet(tags, "crit", perf.Critical);
            var metric = $"{options.MetricPrefix}.{Name(service)}.{Name(perf.Label)}";
            if (UnitOfMeasure.Of(perf.Uom) is { } unit)
            {
                var value = perf.Value * unit.Factor;
                samples.Add(Sample(result, metric, value, unit.Factor == 1 ? null : perf.Value, unit.Unit, unit.Kind, tags));
            }
            else
            {
                tags["uom"] = perf.Uom;
                samples.Add(Sample(result, metric, perf.Value, null, "", MetricKind.GAUGE, tags));
            }
        }

        return samples;
    }

    /// <summary>A name part: lower case, runs of anything but letters and digits as one '_', none at the ends.</summary>
    internal static string Name(string text)
    {
        var name = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                name.Append(c);
            }
            else if (name.Length > 0 && name[^1] != '_')
            {
                name.Append('_');
            }
        }

        return name.ToString().TrimEnd('_') is { Length: > 0 } done ? done : "_";
    }

    private static void AddIfSet(Dictionary<string, string> tags, string key, string value)
    {
        if (value.Length > 0)
        {
            tags[key] = value;
        }
    }

    private static MetricSample Sample(CheckResult result, string metric, double value, double? raw, string unit, MetricKind kind, Dictionary<string, string> tags) => new()
    {
        host = result.Host,
        metric = metric,
        value = value,
        rawValue = raw,
        unit = unit,
        kind = kind,
        timestamp = result.Timestamp,
        tags = tags,
        source = MetricSource.NAGIOS,
    };
}
