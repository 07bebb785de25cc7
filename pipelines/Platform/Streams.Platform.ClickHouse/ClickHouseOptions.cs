using System.Data.Common;

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

    /// <summary>
    /// A ClickHouse.Driver connection string for <paramref name="url"/> with these credentials.
    /// One-shot verbs (<c>train</c>, <c>check</c>) pass the configured URL, or the local
    /// platform's endpoint when none is configured.
    /// </summary>
    public string ConnectionString(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var builder = new DbConnectionStringBuilder
        {
            ["Host"] = url.Host,
            ["Port"] = url.Port,
            ["Protocol"] = url.Scheme,
            ["Database"] = Database,
        };
        if (!string.IsNullOrEmpty(Username))
        {
            builder["Username"] = Username;
            builder["Password"] = Password ?? string.Empty;
        }

        return builder.ConnectionString;
    }
}
