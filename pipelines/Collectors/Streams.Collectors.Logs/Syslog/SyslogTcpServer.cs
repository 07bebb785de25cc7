using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using io.streams.avro;
using Microsoft.Extensions.Logging;

namespace Streams.Collectors.Logs.Syslog;

/// <summary>Receives syslog over TCP (RFC 6587 framing), one task per connection.</summary>
internal sealed partial class SyslogTcpServer(IPEndPoint endpoint, string fallbackHost, int maxMessageBytes, ILogRecordSink sink, ILogger logger) : IDisposable
{
    private readonly TcpListener _listener = new(endpoint);

    public IPEndPoint LocalEndpoint => (IPEndPoint)_listener.LocalEndpoint;

    public void Start() => _listener.Start();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var connections = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(Task.Run(() => ServeAsync(client, cancellationToken), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(connections).ConfigureAwait(false);
    }

    public void Dispose() => _listener.Dispose();

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            var peer = client.Client.RemoteEndPoint?.ToString() ?? "";
            var reader = PipeReader.Create(client.GetStream());
            try
            {
                while (true)
                {
                    var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    var buffer = result.Buffer;
                    while (SyslogFraming.TryReadFrame(ref buffer, maxMessageBytes, out var frame))
                    {
                        Ship(frame, peer);
                    }

                    if (result.IsCompleted)
                    {
                        // The peer closed: a last newline frame without its newline is still a message.
                        if (!buffer.IsEmpty)
                        {
                            Ship(buffer, peer);
                            buffer = buffer.Slice(buffer.End);
                        }

                        reader.AdvanceTo(buffer.End);
                        break;
                    }

                    reader.AdvanceTo(buffer.Start, buffer.End);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (IOException ex)
            {
                LogConnectionFailed(logger, ex, peer);
            }
            finally
            {
                await reader.CompleteAsync().ConfigureAwait(false);
            }
        }
    }

    private void Ship(ReadOnlySequence<byte> frame, string peer)
    {
        if (frame.IsEmpty)
        {
            return;
        }

        var line = Encoding.UTF8.GetString(frame);
        sink.Ship(SyslogParser.Parse(line, new LineContext(DateTime.UtcNow, fallbackHost, "", LogSource.SYSLOG_TCP, peer), requirePriority: true));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Syslog TCP connection from {Peer} ended with an error")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception, string peer);
}
