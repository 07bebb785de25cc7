using System.Text;
using io.streams.avro;
using Streams.Collectors.Prometheus.Exposition;
using Streams.Collectors.Prometheus.Mapping;
using Streams.Collectors.Publishing.Inbound;
using Streams.Fuzz.Harness;

namespace Streams.Fuzz.Targets;

/// <summary>
/// A scraped page, read as the scraper reads it: UTF-8 text through <see cref="ExpositionParser"/>
/// as text 0.0.4 and as OpenMetrics, every sample through the series mapper to the sink.
/// Expected rejection: <see cref="FormatException"/> (the scraper dead-letters the page).
/// </summary>
internal sealed class ExpositionTarget : IFuzzTarget
{
    private static readonly KeyValuePair<string, string>[] TargetLabels = [new("instance", "web-1:9100"), new("job", "node")];

    private readonly PrometheusSeriesMapper _mapper = new(new PrometheusMappingOptions());
    private readonly SerializingSink _sink = new();

    public string Name => "prometheus-text";

    public IReadOnlyList<byte[]> Dictionary { get; } = TextTarget.Tokens(
        "# TYPE ", "# HELP ", "# EOF", "# UNIT ", " counter", " gauge", " histogram", " summary", "{", "}", "=\"", "\",", "\\\"", "\\n", "\\\\",
        "NaN", "+Inf", "-Inf", "_total", "_bucket", "_created", "_count", " # {trace_id=\"a\"} 1", " 1700000000000", " 1.7e9", "\n", "\r\n", "le=\"+Inf\"");

    public void Run(ReadOnlySpan<byte> input)
    {
        var page = Encoding.UTF8.GetString(input);
        Scrape(page, openMetrics: false);
        Scrape(page, openMetrics: true);
    }

    private void Scrape(string page, bool openMetrics)
    {
        List<ExpositionSample> samples;
        try
        {
            samples = ExpositionParser.Parse(page, openMetrics);
        }
        catch (FormatException)
        {
            return;
        }

        // As the scraper does: the page's samples become batches, serialized as Kafka would get them.
        var batches = new MetricBatchBuilder();
        foreach (var sample in samples.Where(s => double.IsFinite(s.Value)))
        {
            if (_mapper.Map(sample.Name, sample.Labels, TargetLabels, sample.Value, sample.TimestampMs ?? 1_700_000_000_000, sample.Kind, 15_000, out _) is { } mapped)
            {
                batches.Add(mapped);
            }
        }

        batches.PublishTo(_sink);
    }
}
