namespace Streams.Platform.ClickHouse;

/// <summary>The ClickHouse this process writes to and reads from, embedded or external. Valid once the host has started.</summary>
public interface IClickHouseEndpoint
{
    /// <summary>The HTTP interface, for curl and health checks.</summary>
    Uri Url { get; }

    /// <summary>A ClickHouse.Driver connection string for <see cref="Url"/>.</summary>
    string ConnectionString { get; }

    bool IsEmbedded { get; }
}
