using Microsoft.Extensions.Options;

namespace Streams.Notifier.Channels;

/// <summary>
/// The HTTP clients the HTTP channels share: pooled connections, recycled every few minutes so DNS
/// changes of webhook hosts are seen; per-attempt timeouts come from the resilience pipeline.
/// </summary>
internal sealed class NotifierHttp : IDisposable
{
    public NotifierHttp(IOptions<NotifierOptions> options)
        : this(new TargetGuard((options ?? throw new ArgumentNullException(nameof(options))).Value.Targets.ToPolicy()))
    {
    }

    public NotifierHttp(TargetGuard guard)
    {
        ArgumentNullException.ThrowIfNull(guard);
        // Redirects are not followed: the guard would judge each hop, but a redirected POST turns
        // into a GET and the audit should name the URL to fix. No HTTP proxy either: it would
        // resolve the name itself, beyond the guard.
        Client = new HttpClient(new TargetGuardHandler(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseProxy = false,
            ConnectCallback = guard.ConnectAsync,
        }))
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>For targets from notification preferences: every connection passes <see cref="TargetGuard"/> (<c>Notifier:Targets</c>).</summary>
    public HttpClient Client { get; }

    /// <summary>For endpoints of the notifier's own configuration (the SMS gateway), which an operator chose: not guarded.</summary>
    public HttpClient ConfiguredClient { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public void Dispose()
    {
        Client.Dispose();
        ConfiguredClient.Dispose();
    }
}
