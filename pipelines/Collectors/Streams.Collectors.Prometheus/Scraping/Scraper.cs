using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using io.streams.avro;
using Microsoft.Extensions.Logging;
using Streams.Collectors.Prometheus.Exposition;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Prometheus.Mapping;

namespace Streams.Collectors.Prometheus.Scraping;

/// <summary>
/// Scrapes one target the way Prometheus does: asks for OpenMetrics first and the 0.0.4 text
/// format second, stamps samples without their own timestamp with the scrape's start, refuses a
/// page that does not parse as a whole, and adds the synthetic series <c>up</c>,
/// <c>scrape_duration_seconds</c> and <c>scrape_samples_scraped</c> (Prometheus docs, "Jobs and instances").
/// A scrape is published as one batch per host and timestamp: one batch for a target whose
/// samples carry no timestamps of their own.
/// </summary>
internal sealed partial class Scraper(PrometheusOptions options, HttpClient http, IInboundSink sink, ILogger logger)
{
    public const string Source = "prometheus.scrape";
    public const string Stage = "prometheus-scrape";

    // Prometheus 2.x's scrape Accept header, so targets that negotiate answer as they would to Prometheus.
    private const string AcceptHeader =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    // Kafka's default message limit is 1 MB; a dead letter keeps the start of a large page.
    private const int MaxDeadLetterBytes = 512 * 1024;

    private readonly PrometheusSeriesMapper _mapper = new(options.Mapping);

    public async Task<ScrapeResult> ScrapeAsync(ScrapeTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var started = DateTime.UtcNow;
        var startedMs = new DateTimeOffset(started).ToUnixTimeMilliseconds();
        var stopwatch = Stopwatch.StartNew();
        var batches = new MetricBatchBuilder();
        var published = 0;
        string? error;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.ScrapeTimeoutSeconds));
            (published, error) = await ScrapePageAsync(target, startedMs, batches, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            error = ex.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"no answer within {options.ScrapeTimeoutSeconds} s";
        }

        var duration = stopwatch.Elapsed;
        if (error is not null)
        {
            LogScrapeFailed(logger, target.Url, error);
        }

        Synthetic(batches, target, "up", error is null ? 1 : 0, startedMs);
        Synthetic(batches, target, "scrape_duration_seconds", duration.TotalSeconds, startedMs);
        Synthetic(batches, target, "scrape_samples_scraped", published, startedMs);
        batches.PublishTo(sink);
        return new ScrapeResult(published, duration, error);
    }

    private async Task<(int Published, string? Error)> ScrapePageAsync(ScrapeTarget target, long startedMs, MetricBatchBuilder batches, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
        request.Headers.TryAddWithoutValidation("Accept", AcceptHeader);
        request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", options.ScrapeTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return (0, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var body = await ReadLimitedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            var detail = $"the page is larger than Prometheus:MaxScrapeBytes ({options.MaxScrapeBytes})";
            sink.DeadLetter(new InboundDeadLetter(Source, Stage, InboundRejectReason.TooLarge, $"{target.Url}: {detail}", []));
            return (0, detail);
        }

        var openMetrics = IsOpenMetrics(response.Content.Headers.ContentType);
        List<ExpositionSample> samples;
        try
        {
            samples = ExpositionParser.Parse(Encoding.UTF8.GetString(body.Value.Span), openMetrics);
        }
        catch (FormatException ex)
        {
            var detail = $"{target.Url} ({(openMetrics ? "OpenMetrics" : "text 0.0.4")}): {ex.Message}";
            sink.DeadLetter(new InboundDeadLetter(Source, Stage, InboundRejectReason.MalformedInput, detail, body.Value.Span[..Math.Min(body.Value.Length, MaxDeadLetterBytes)].ToArray()));
            return (0, "the page does not parse: " + ex.Message);
        }

        var published = 0;
        var intervalMs = options.ScrapeIntervalSeconds * 1000;
        foreach (var sample in samples)
        {
            if (!double.IsFinite(sample.Value))
            {
                continue;
            }

            var mapped = _mapper.Map(sample.Name, sample.Labels, target.Labels, sample.Value, sample.TimestampMs ?? startedMs, sample.Kind, intervalMs, out var error);
            if (mapped is null)
            {
                // Target labels always carry instance, so only a mapping that names no usable label gets here.
                sink.DeadLetter(new InboundDeadLetter(Source, Stage, InboundRejectReason.Unmappable, $"{target.Url}: {error}", Encoding.UTF8.GetBytes(sample.Name)));
                continue;
            }

            batches.Add(mapped);
            published++;
        }

        return (published, null);
    }

    private async Task<ReadOnlyMemory<byte>?> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > options.MaxScrapeBytes)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > options.MaxScrapeBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        }
    }

    private static bool IsOpenMetrics(MediaTypeHeaderValue? contentType) =>
        string.Equals(contentType?.MediaType, "application/openmetrics-text", StringComparison.OrdinalIgnoreCase);

    private void Synthetic(MetricBatchBuilder batches, ScrapeTarget target, string name, double value, long timestampMs)
    {
        if (_mapper.Map(name, [], target.Labels, value, timestampMs, MetricKind.GAUGE, options.ScrapeIntervalSeconds * 1000, out _) is { } sample)
        {
            batches.Add(sample);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scrape of {Url} failed: {Error}")]
    private static partial void LogScrapeFailed(ILogger logger, Uri url, string error);
}
