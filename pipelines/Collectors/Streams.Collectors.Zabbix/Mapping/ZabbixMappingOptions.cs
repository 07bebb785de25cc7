namespace Streams.Collectors.Zabbix.Mapping;

/// <summary>How a Zabbix item (host, key, value) becomes a Streams host, metric and tags.</summary>
public sealed class ZabbixMappingOptions
{
    /// <summary>Put in front of the metric, e.g. <c>zabbix.</c>; empty keeps the item key's name.</summary>
    public string MetricPrefix { get; set; } = "";

    /// <summary>Rules tried in order on the whole item key; the first that matches names the metric and its named groups become tags.</summary>
    public List<ItemRewrite> Rewrites { get; set; } = [];

    internal void Validate()
    {
        foreach (var rewrite in Rewrites)
        {
            if (string.IsNullOrWhiteSpace(rewrite.Pattern) || string.IsNullOrWhiteSpace(rewrite.Metric))
            {
                throw new InvalidOperationException("Every Zabbix:Mapping:Rewrites entry needs a Pattern and a Metric.");
            }

            _ = rewrite.Regex;
        }
    }
}
