using Streams.Platform.Security;

namespace Streams.Platform.ClickHouse;

/// <summary>Options of the embedded ClickHouse endpoint, bound from <c>ClickHouse:Embedded</c>.</summary>
public sealed class EmbeddedClickHouseOptions
{
    public const string SectionName = "ClickHouse:Embedded";

    public string Host { get; set; } = "127.0.0.1";

    /// <summary>HTTP port; 0 picks a free port.</summary>
    public int Port { get; set; } = 8123;

    public string DataPath { get; set; } = StreamsDataDirectory.DefaultPath("ClickHouse:Embedded:DataPath");

    /// <summary>Absolute or relative path of libchdb.so; null searches the usual places.</summary>
    public string? LibraryPath { get; set; }

    /// <summary>
    /// chDB connections serving requests in parallel; each request holds one for its duration.
    /// </summary>
    public int Connections { get; set; } = 4;
}
