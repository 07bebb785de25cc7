namespace Streams.Platform.ClickHouse;

/// <summary>Resolves the endpoint: the embedded server once started, or the configured server.</summary>
internal sealed class ClickHouseEndpoint(ClickHouseOptions options, EmbeddedClickHouseAccessor? embedded) : IClickHouseEndpoint
{
    public Uri Url => embedded is null
        ? new Uri(options.Url!)
        : embedded.Server?.Url ?? throw new InvalidOperationException("The embedded ClickHouse has not started yet.");

    public string ConnectionString => options.ConnectionString(Url);

    public bool IsEmbedded => embedded is not null;
}
