using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Zabbix.Mapping;
using Streams.Collectors.Zabbix.Protocol;

namespace Streams.Collectors.Zabbix.Trapper;

/// <summary>
/// A Zabbix trapper on TCP: takes one request per connection from zabbix_sender or an active
/// agent, publishes the numeric values as one batch per host and clock of the request, answers as Zabbix server does
/// (<c>{"response":"success","info":"processed: N; failed: M; total: T; seconds spent: S"}</c>)
/// and closes. Bytes that are not the protocol get <c>"failed"</c> and a dead letter; the
/// listener goes on serving other connections. The protocol's only authentication is TLS-PSK or
/// certificates, which .NET's TLS does not offer (PSK), so a connection from outside
/// <see cref="ZabbixOptions.AllowedSenders"/> is closed before a byte is read.
/// </summary>
internal sealed partial class ZabbixTrapperListener(ZabbixOptions options, IInboundSink sink, ILogger logger) : IDisposable
{
    public const string Source = "zabbix.trapper";
    public const string Stage = "zabbix-trapper";

    private readonly TcpListener _listener = new(options.Address, options.Port);
    private readonly ZabbixItemMapper _mapper = new(options.Mapping);
    private readonly IReadOnlyList<IPNetwork> _senders = options.Senders;

    public IPEndPoint LocalEndpoint => (IPEndPoint)_listener.LocalEndpoint;

    public void Start() => _listener.Start(backlog: 512);

    /// <summary>Accepts connections until cancelled, then waits for the ones in progress.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var connections = new HashSet<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
                if (!IsAllowed(client.Client.RemoteEndPoint))
                {
                    TrapperMetrics.RefusedConnections.Add(1);
                    LogNotAllowed(logger, client.Client.RemoteEndPoint?.ToString() ?? "unknown");
                    client.Dispose();
                    continue;
                }

                var connection = HandleAsync(client, cancellationToken);
                lock (connections)
                {
                    connections.Add(connection);
                }

                _ = connection.ContinueWith(
                    done =>
                    {
                        lock (connections)
                        {
                            connections.Remove(done);
                        }
                    },
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _listener.Stop();
            Task[] pending;
            lock (connections)
            {
                pending = [.. connections];
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
        }
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Whether <paramref name="peer"/> is in <see cref="ZabbixOptions.AllowedSenders"/>, when there is a list (an IPv4 sender on a dual-stack socket arrives as ::ffff:a.b.c.d).</summary>
    internal bool IsAllowed(EndPoint? peer)
    {
        if (_senders.Count == 0)
        {
            return true;
        }

        if (peer is not IPEndPoint { Address: var address })
        {
            return false;
        }

        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _senders.Any(n => n.Contains(plain) || n.Contains(address));
    }

    /// <summary>The response to one request's data: what Zabbix server would answer.</summary>
    internal byte[] Process(byte[] data, string peer)
    {
        var stopwatch = Stopwatch.StartNew();
        SenderRequest request;
        try
        {
            request = SenderRequest.Parse(data);
        }
        catch (FormatException ex)
        {
            Refuse(peer, ex.Message, data);
            return Response("failed", ex.Message);
        }

        if (request.Request is not (SenderRequest.SenderData or SenderRequest.AgentData))
        {
            LogUnsupported(logger, peer, request.Request);
            return Response("failed", $"unsupported request \"{request.Request}\": this trapper takes \"sender data\" and \"agent data\"");
        }

        var batches = new MetricBatchBuilder();
        var now = DateTime.UtcNow;
        foreach (var item in request.Items)
        {
            var timestamp = item.Clock is { } clock ? DateTime.UnixEpoch.AddSeconds(clock).AddTicks((item.Ns ?? 0) / 100) : now;
            if (_mapper.Map(item.Host, item.Key, item.Value, timestamp, out var error) is { } sample)
            {
                batches.Add(sample);
            }
            else
            {
                LogItemFailed(logger, peer, error!);
            }
        }

        var processed = batches.Points;
        batches.PublishTo(sink);

        var failed = request.Items.Count - processed;
        return Response("success", string.Create(
            CultureInfo.InvariantCulture, $"processed: {processed}; failed: {failed}; total: {request.Items.Count}; seconds spent: {stopwatch.Elapsed.TotalSeconds:F6}"));
    }

    private async Task HandleAsync(TcpClient client, CancellationToken cancellationToken)
    {
        // Off the accept loop at once, so a slow sender never delays the next connection.
        await Task.Yield();
        var peer = client.Client.RemoteEndPoint?.ToString() ?? "unknown";
        using (client)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.ReadTimeoutSeconds));
            var stream = client.GetStream();
            try
            {
                byte[] response;
                try
                {
                    var data = await ZabbixFrame.ReadAsync(stream, options.MaxMessageBytes, timeout.Token).ConfigureAwait(false);
                    if (data is null)
                    {
                        return;
                    }

                    response = Process(data, peer);
                }
                catch (ZabbixFrameException ex)
                {
                    Refuse(peer, ex.Message, ex.Received);
                    response = Response("failed", ex.Message);
                }

                await ZabbixFrame.WriteAsync(stream, response, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogTimedOut(logger, peer, options.ReadTimeoutSeconds);
            }
            catch (IOException ex)
            {
                LogConnectionFailed(logger, peer, ex.Message);
            }
        }
    }

    private void Refuse(string peer, string reason, byte[] received)
    {
        LogRefused(logger, peer, reason);
        sink.DeadLetter(new InboundDeadLetter(Source, Stage, InboundRejectReason.MalformedInput, $"from {peer}: {reason}", received));
    }

    private static byte[] Response(string response, string info) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["response"] = response, ["info"] = info });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zabbix trapper closed a connection from {Peer}, which is not in Zabbix:AllowedSenders")]
    private static partial void LogNotAllowed(ILogger logger, string peer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zabbix trapper refused a message from {Peer}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string peer, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Zabbix trapper: {Peer} sent an item that is not a series: {Reason}")]
    private static partial void LogItemFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zabbix trapper: {Peer} asked for \"{Request}\", which it does not serve")]
    private static partial void LogUnsupported(ILogger logger, string peer, string request);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zabbix trapper: {Peer} did not send a whole message within {Seconds} s; connection closed")]
    private static partial void LogTimedOut(ILogger logger, string peer, int seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Zabbix trapper: connection from {Peer} failed: {Error}")]
    private static partial void LogConnectionFailed(ILogger logger, string peer, string error);
}
