using System.Net;
using System.Net.Sockets;
using System.Text;
using io.streams.avro;

namespace Streams.Collectors.Logs.Syslog;

/// <summary>Receives syslog over UDP: one message per datagram (RFC 5426, RFC 3164 section 2).</summary>
internal sealed class SyslogUdpServer(IPEndPoint endpoint, string fallbackHost, ILogRecordSink sink) : IDisposable
{
    // RFC 5426 section 3.2: receivers should take datagrams up to 64 KiB less the IP and UDP headers.
    private const int MaxDatagram = 65_507;

    private readonly Socket _socket = new(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);

    public IPEndPoint LocalEndpoint => (IPEndPoint)_socket.LocalEndPoint!;

    public void Start() => _socket.Bind(endpoint);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxDatagram];
        EndPoint any = new IPEndPoint(endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
                var line = Encoding.UTF8.GetString(buffer, 0, received.ReceivedBytes);
                var context = new LineContext(DateTime.UtcNow, fallbackHost, "", LogSource.SYSLOG_UDP, received.RemoteEndPoint.ToString() ?? "");
                sink.Ship(SyslogParser.Parse(line, context, requirePriority: true));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void Dispose() => _socket.Dispose();
}
