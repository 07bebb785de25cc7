using io.streams.avro;
using Streams.Topology.Logs.Templates;
using Streams.Topology.Metrics;

namespace Streams.Topology.Logs.Window;

/// <summary>What one application of one host logged in one open window.</summary>
internal sealed class LogWindowCounts
{
    /// <summary>Lines per severity, indexed by <see cref="LogSeverity"/>'s value.</summary>
    public int[] Severities { get; private set; } = new int[Enum.GetValues<LogSeverity>().Length];

    public int ParseErrors { get; set; }

    /// <summary>Lines that came after the window's end (by the host's clock), within the grace period.</summary>
    public int Late { get; set; }

    public Dictionary<string, TemplateTally> Templates { get; } = new(StringComparer.Ordinal);

    public void Add(LogRecord log, bool late)
    {
        var severity = (int)log.severity;
        if (severity >= Severities.Length)
        {
            Severities = [.. Severities, .. new int[severity + 1 - Severities.Length]];
        }

        Severities[severity]++;
        ParseErrors += log.parseError ? 1 : 0;
        Late += late ? 1 : 0;
        if (log.templateId is not { Length: > 0 } id)
        {
            return;
        }

        var data = log.structuredData;
        var text = data?.TryGetValue(MineLogTemplates.TemplateKey, out var t) == true ? t : "";
        if (!Templates.TryGetValue(id, out var tally))
        {
            tally = new TemplateTally(text);
            Templates[id] = tally;
        }

        tally.Text = text.Length > 0 ? text : tally.Text;
        tally.Count++;
        tally.IsNew |= data?.TryGetValue(MineLogTemplates.NewTemplateKey, out var flag) == true && flag == "true";
    }

    /// <param name="host">The host.</param>
    /// <param name="app">The application.</param>
    /// <param name="start">Window start, UTC milliseconds.</param>
    /// <param name="sizeMs">Window size.</param>
    /// <param name="droppedLate">Lines of the host and application dropped as too late since its previous window.</param>
    /// <param name="emittedAt">Wall-clock time of emission, UTC milliseconds.</param>
    public LogWindow ToLogWindow(string host, string app, long start, long sizeMs, int droppedLate, long emittedAt) => new()
    {
        host = host,
        app = app,
        window = new TimeWindow { start = EpochMs.ToDateTime(start), end = EpochMs.ToDateTime(start + sizeMs) },
        windowSizeMs = sizeMs,
        severityCounts = Severities
            .Select((count, severity) => (count, severity))
            .Where(s => s.count > 0)
            .ToDictionary(s => ((LogSeverity)s.severity).ToString(), s => s.count, StringComparer.Ordinal),
        total = Severities.Sum(),
        parseErrors = ParseErrors,
        templates = [.. Templates
            .OrderByDescending(t => t.Value.Count)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new LogTemplateCount { templateId = t.Key, template = t.Value.Text, count = t.Value.Count, isNew = t.Value.IsNew })],
        lateRecords = Late,
        droppedLateRecords = droppedLate,
        emittedAt = EpochMs.ToDateTime(emittedAt),
    };
}
