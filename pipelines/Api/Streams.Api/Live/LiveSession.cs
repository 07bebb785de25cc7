using System.Net.WebSockets;

namespace Streams.Api.Live;

/// <summary>
/// Serves one WebSocket: sends the client's queued frames (after a <c>dropped</c> frame when some
/// were dropped), and ends
/// when the client closes. Pings are the server's WebSocket keep-alive (every 30 s).
/// </summary>
internal static class LiveSession
{
    public static async Task RunAsync(WebSocket socket, LiveClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(client);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = ReceiveUntilClosedAsync(socket, done);
        try
        {
            await foreach (var frame in client.Frames.ReadAllAsync(done.Token))
            {
                if (client.TakeDropped() is > 0 and var dropped)
                {
                    await socket.SendAsync(LiveHub.Frame("dropped", new { count = dropped }), WebSocketMessageType.Text, true, done.Token);
                }

                await socket.SendAsync(frame, WebSocketMessageType.Text, true, done.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The client went away or the host stops: nothing to send it any more.
        }

        await done.CancelAsync();
        await receiving;
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", closing.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                // A client that does not answer the close handshake is dropped anyway.
            }
        }
    }

    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource done)
    {
        var buffer = new byte[1024];
        try
        {
            while (!done.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, done.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed either way.
        }

        await done.CancelAsync();
    }
}
