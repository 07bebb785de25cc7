using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Streams.Platform.Kafka;

/// <summary>
/// Forwards a fixed loopback port to a broker's random one. librdkafka's built-in broker
/// always binds 127.0.0.1:0; clients, kcat and docs want 9092, so the host relays it and the
/// broker advertises the relay's address in metadata.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private int _disposed;

    private TcpRelay(TcpListener listener, IPEndPoint target, ILogger logger)
    {
        _listener = listener;
        _target = target;
        _logger = logger;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Starts listening on <paramref name="listen"/> (port 0 picks a free one).</summary>
    /// <exception cref="SocketException">The port is taken.</exception>
    public static TcpRelay Start(IPEndPoint listen, IPEndPoint target, ILogger logger)
    {
        var listener = new TcpListener(listen);
        listener.Server.NoDelay = true;
        listener.Start(backlog: 512);
        return new TcpRelay(listener, target, logger);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (_stopping.IsCancellationRequested)
            {
                // Stopping the listener aborts a pending accept with a socket error rather than a cancellation.
                return;
            }

            _ = Task.Run(() => PipeAsync(client));
        }
    }

    private async Task PipeAsync(Socket client)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await upstream.ConnectAsync(_target, _stopping.Token);
            await using var clientStream = new NetworkStream(client, ownsSocket: true);
            await using var upstreamStream = new NetworkStream(upstream, ownsSocket: false);
            var up = clientStream.CopyToAsync(upstreamStream, _stopping.Token);
            var down = upstreamStream.CopyToAsync(clientStream, _stopping.Token);
            // Either side closing ends the connection, as a direct connection would.
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogDebug(ex, "Relay connection to {Target} ended", _target);
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stopping.Dispose();
    }
}
