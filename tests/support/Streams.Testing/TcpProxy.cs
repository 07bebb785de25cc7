using System.Net;
using System.Net.Sockets;

namespace Streams.Testing;

/// <summary>Forwards a loopback port to a TCP service; <see cref="Stop"/> and <see cref="Start"/> make the service vanish and come back on the same port.</summary>
public sealed class TcpProxy(IPEndPoint target) : IDisposable
{
    private readonly List<TcpClient> connections = [];
    private TcpListener? listener;

    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public void Start()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = AcceptAsync(listener);
    }

    /// <summary>Stops listening and cuts every open connection.</summary>
    public void Stop()
    {
        listener?.Stop();
        listener = null;
        lock (connections)
        {
            connections.ForEach(c => c.Dispose());
            connections.Clear();
        }
    }

    public void Dispose() => Stop();

    private async Task AcceptAsync(TcpListener server)
    {
        while (true)
        {
            TcpClient inbound;
            try
            {
                inbound = await server.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            var outbound = new TcpClient();
            await outbound.ConnectAsync(target);
            lock (connections)
            {
                connections.Add(inbound);
                connections.Add(outbound);
            }

            _ = PipeAsync(inbound, outbound);
            _ = PipeAsync(outbound, inbound);
        }
    }

    private static async Task PipeAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The other side or Stop closed the connection: the proxy's way of failing requests.
        }
        finally
        {
            to.Dispose();
            from.Dispose();
        }
    }
}
