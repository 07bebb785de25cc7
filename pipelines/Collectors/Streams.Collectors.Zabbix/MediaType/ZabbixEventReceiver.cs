using System.Globalization;
using System.Text;
using System.Text.Json;
using io.streams.avro;
using Streams.Collectors.Publishing.Inbound;

namespace Streams.Collectors.Zabbix.MediaType;

/// <summary>
/// Zabbix problems into Streams: each event a Zabbix webhook media type posts becomes the series
/// <c>zabbix.problem</c> (its severity 0–5 while a problem, 0 on recovery; tags trigger and
/// event_id) and a <c>logs.raw</c> event, so Zabbix's triggers sit next to Streams' own anomalies
/// and its alert rules can use them. An event that is not the shape is refused with the reason
/// and dead-lettered.
/// </summary>
internal sealed class ZabbixEventReceiver(IInboundSink sink)
{
    public const string Source = "zabbix.media-type";
    public const string Stage = "zabbix-media-type";
    public const string Metric = "zabbix.problem";

    /// <summary>Publishes one event; returns null, or why it was refused.</summary>
    public string? Receive(byte[] body, DateTime receivedAt)
    {
        ArgumentNullException.ThrowIfNull(body);
        ZabbixProblemEvent? problem;
        try
        {
            problem = JsonSerializer.Deserialize<ZabbixProblemEvent>(body);
        }
        catch (JsonException ex)
        {
            return Refuse(body, $"not JSON: {ex.Message}");
        }

        if (problem is null || string.IsNullOrWhiteSpace(problem.Host) || string.IsNullOrWhiteSpace(problem.Trigger))
        {
            return Refuse(body, "host and trigger are required ({HOST.NAME} and {EVENT.NAME} in the media type's parameters)");
        }

        if (problem.EventValue is not ("0" or "1"))
        {
            return Refuse(body, $"event_value '{problem.EventValue}' must be 1 (problem) or 0 (recovery): {{EVENT.VALUE}}");
        }

        if (!int.TryParse(problem.Severity, NumberStyles.Integer, CultureInfo.InvariantCulture, out var severity) || severity is < 0 or > 5)
        {
            return Refuse(body, $"severity '{problem.Severity}' must be 0-5: {{EVENT.NSEVERITY}}");
        }

        var isProblem = problem.EventValue == "1";
        var at = Timestamp(problem, receivedAt);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["trigger"] = problem.Trigger };
        if (!string.IsNullOrEmpty(problem.EventId))
        {
            tags["event_id"] = problem.EventId;
        }

        var batch = new MetricBatchBuilder();
        batch.Add(new MetricSample
        {
            host = problem.Host,
            metric = Metric,
            value = isProblem ? severity : 0,
            unit = "",
            kind = MetricKind.GAUGE,
            timestamp = at,
            tags = tags,
            source = MetricSource.ZABBIX,
        });
        batch.PublishTo(sink);
        sink.Publish(new LogRecord
        {
            host = problem.Host,
            app = "zabbix",
            severity = isProblem ? LogSeverityOf(severity) : LogSeverity.INFO,
            timestamp = at,
            receivedAt = receivedAt,
            message = $"{(isProblem ? "PROBLEM" : "RESOLVED")}: {problem.Trigger}" + (problem.ItemValue is { Length: > 0 } value ? $" ({problem.ItemKey} = {value})" : string.Empty),
            structuredData = new Dictionary<string, string>(tags, StringComparer.Ordinal)
            {
                ["severity"] = severity.ToString(CultureInfo.InvariantCulture),
                ["status"] = problem.Status ?? (isProblem ? "PROBLEM" : "RESOLVED"),
            },
            source = LogSource.UNKNOWN,
            origin = "zabbix-media-type",
        });
        return null;
    }

    // Zabbix' severities: not classified, information, warning, average, high, disaster.
    private static LogSeverity LogSeverityOf(int severity) => severity switch
    {
        5 => LogSeverity.CRITICAL,
        4 => LogSeverity.ERROR,
        3 or 2 => LogSeverity.WARNING,
        _ => LogSeverity.NOTICE,
    };

    private static DateTime Timestamp(ZabbixProblemEvent problem, DateTime receivedAt) =>
        problem.Clock is { } clock && long.TryParse(clock, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : receivedAt;

    private string Refuse(byte[] body, string reason)
    {
        sink.DeadLetter(new InboundDeadLetter(Source, Stage, InboundRejectReason.MalformedInput, reason, body));
        return reason;
    }
}
