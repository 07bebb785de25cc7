namespace Streams.Collectors.Prometheus.Scraping;

/// <summary>A URL to scrape and the target labels its series get (<c>instance</c>, <c>job</c> and the group's).</summary>
internal sealed record ScrapeTarget(Uri Url, KeyValuePair<string, string>[] Labels)
{
    public string Instance => Labels.FirstOrDefault(l => l.Key == "instance").Value ?? Url.Authority;
}
