using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Streams.Platform.Kafka.Journal;

namespace Streams.Platform.Kafka;

/// <summary>
/// Forwards a fixed loopback port to a broker's random one. librdkafka's built-in broker
/// always binds 127.0.0.1:0; clients, kcat and docs want 9092, so the host relays it and the
/// broker advertises the relay's address in metadata. It reads the Kafka framing so that its
/// <see cref="BrokerTrafficInspector"/> can journal what the broker acknowledges before the client hears it.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private const int SizePrefix = 4;
    private const int MaxFrame = 1 << 30;
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly ILogger _logger;
    private readonly BrokerTrafficInspector _inspector;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private int _disposed;

    private TcpRelay(TcpListener listener, IPEndPoint target, BrokerTrafficInspector inspector, ILogger logger)
    {
        _inspector = inspector;
        _listener = listener;
        _target = target;
        _logger = logger;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Starts listening on <paramref name="listen"/> (port 0 picks a free one).</summary>
    /// <exception cref="SocketException">The port is taken.</exception>
    public static TcpRelay Start(IPEndPoint listen, IPEndPoint target, BrokerTrafficInspector inspector, ILogger logger)
    {
        var listener = new TcpListener(listen);
        listener.Server.NoDelay = true;
        listener.Start(backlog: 512);
        return new TcpRelay(listener, target, inspector, logger);
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
            var pending = new ConcurrentDictionary<int, PendingRequest>();
            var up = ForwardRequestsAsync(clientStream, upstreamStream, pending);
            var down = ForwardResponsesAsync(upstreamStream, clientStream, pending);
            // Either side closing ends the connection, as a direct connection would.
            await Task.WhenAny(up, down);
            // The other direction may still be answering one of these: whoever removes it releases it.
            foreach (var correlationId in pending.Keys)
            {
                if (pending.TryRemove(correlationId, out var request))
                {
                    request.Release();
                }
            }
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

    // Kafka frames each request and response with a 4-byte big-endian size; a response starts with
    // its request's correlation id. Requests the inspector cares about are remembered by that id.
    private async Task ForwardRequestsAsync(NetworkStream from, NetworkStream to, ConcurrentDictionary<int, PendingRequest> pending)
    {
        try
        {
            while (await ReadFrameAsync(from) is { } frame)
            {
                var request = _inspector.OnRequest(frame.Buffer, SizePrefix, frame.Length);
                if (request is not null)
                {
                    pending[request.Header.CorrelationId] = request;
                }

                try
                {
                    await to.WriteAsync(frame.Buffer.AsMemory(0, SizePrefix + frame.Length), _stopping.Token);
                }
                finally
                {
                    if (request?.Frame is null)
                    {
                        ArrayPool<byte>.Shared.Return(frame.Buffer);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogDebug(ex, "Relay requests to {Target} ended", _target);
        }
    }

    private async Task ForwardResponsesAsync(NetworkStream from, NetworkStream to, ConcurrentDictionary<int, PendingRequest> pending)
    {
        try
        {
            while (await ReadFrameAsync(from) is { } frame)
            {
                try
                {
                    var correlationId = BinaryPrimitives.ReadInt32BigEndian(frame.Buffer.AsSpan(SizePrefix));
                    if (pending.TryRemove(correlationId, out var request))
                    {
                        // A Produce is acknowledged only once its batches are in the journal.
                        _inspector.OnResponse(request, frame.Buffer.AsSpan(SizePrefix, frame.Length));
                    }

                    await to.WriteAsync(frame.Buffer.AsMemory(0, SizePrefix + frame.Length), _stopping.Token);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(frame.Buffer);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            _logger.LogDebug(ex, "Relay responses from {Target} ended", _target);
        }
    }

    /// <summary>One whole frame, size prefix included, in a pooled buffer; null at the end of the stream.</summary>
    private async Task<(byte[] Buffer, int Length)?> ReadFrameAsync(NetworkStream from)
    {
        var prefix = new byte[SizePrefix];
        if (await from.ReadAtLeastAsync(prefix, SizePrefix, throwOnEndOfStream: false, _stopping.Token) < SizePrefix)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        if (length is < 4 or > MaxFrame)
        {
            throw new IOException($"A Kafka frame of {length} bytes is not plausible; closing the connection.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(SizePrefix + length);
        prefix.CopyTo(buffer, 0);
        await from.ReadExactlyAsync(buffer.AsMemory(SizePrefix, length), _stopping.Token);
        return (buffer, length);
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
