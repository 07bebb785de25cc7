namespace Streams.Alerting.Lifecycle;

/// <summary>Label names the lifecycle sets; Alertmanager's <c>alertname</c> so its receivers and silences read ours.</summary>
public static class AlertLabels
{
    public const string AlertName = "alertname";
    public const string Rule = "rule";
    public const string Host = "host";
    public const string Series = "series";
    public const string App = "app";
}
