using System.Net;
using System.Net.Sockets;
using Streams.Alerting.Notifications;

namespace Streams.Notifier.Channels;

/// <summary>
/// Where the HTTP channels connect, judged by <see cref="TargetPolicy"/> at connection time: the
/// host is resolved once, every address it resolves to must be allowed, and the socket connects to
/// those very addresses. Judging the URL and letting the handler resolve it again would let a name
/// answer a public address to the check and 169.254.169.254 to the connection (DNS rebinding).
/// </summary>
internal sealed class TargetGuard(TargetPolicy policy, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> resolve = resolve ?? Dns.GetHostAddressesAsync;

    /// <summary>Use as <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = await CheckAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                // As the default connect does: the next address, and the last error if none answers.
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    /// <summary>The addresses <paramref name="host"/> resolves to, once every one of them is allowed.</summary>
    /// <exception cref="TargetRefusedException">One of them is refused, or there are none.</exception>
    public async Task<IPAddress[]> CheckAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.Trim('[', ']');
        if (IPAddress.TryParse(bare, out var literal))
        {
            return policy.Refusal(literal) is { } refusal ? throw new TargetRefusedException(refusal) : [literal];
        }

        var addresses = await resolve(bare, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new TargetRefusedException($"{bare} resolves to no address");
        }

        if (!policy.AllowsHost(bare))
        {
            foreach (var address in addresses)
            {
                if (policy.Refusal(address) is { } refusal)
                {
                    throw new TargetRefusedException($"{refusal} (resolved from {bare})");
                }
            }
        }

        return addresses;
    }
}
