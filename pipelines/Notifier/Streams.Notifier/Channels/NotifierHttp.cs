namespace Streams.Notifier.Channels;

/// <summary>
/// The one HTTP client the HTTP channels share: pooled connections, recycled every few minutes so
/// DNS changes of webhook hosts are seen; per-attempt timeouts come from the resilience pipeline.
/// </summary>
internal sealed class NotifierHttp : IDisposable
{
    public HttpClient Client { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public void Dispose() => Client.Dispose();
}
