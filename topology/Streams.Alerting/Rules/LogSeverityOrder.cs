namespace Streams.Alerting.Rules;

/// <summary>LogRecord's severities, most severe first (syslog's order), as LogWindow's severityCounts names them.</summary>
public static class LogSeverityOrder
{
    public static IReadOnlyList<string> Names { get; } = ["EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG"];

    /// <summary>0 for EMERGENCY … 7 for DEBUG; -1 for a name that is not a severity.</summary>
    public static int Rank(string name) => Names.ToList().FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
}
