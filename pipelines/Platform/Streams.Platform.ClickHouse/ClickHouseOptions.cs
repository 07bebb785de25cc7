namespace Streams.Platform.ClickHouse;

/// <summary>Where ClickHouse is, bound from <c>ClickHouse</c>. No URL means: run the embedded endpoint.</summary>
public sealed class ClickHouseOptions
{
    public const string SectionName = "ClickHouse";

    /// <summary>A ClickHouse server's HTTP interface, e.g. <c>http://clickhouse:8123</c>; empty runs the embedded one.</summary>
    public string? Url { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The database Streams' tables live in.</summary>
    public string Database { get; set; } = "default";

    public bool IsEmbedded => string.IsNullOrWhiteSpace(Url);
}
