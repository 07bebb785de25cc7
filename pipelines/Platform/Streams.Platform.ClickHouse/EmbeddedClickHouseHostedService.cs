using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streams.Platform.ClickHouse;

/// <summary>
/// Starts the embedded ClickHouse with the host and closes chDB at shutdown, or at disposal when
/// the host never stops it (a service registered later failed to start).
/// </summary>
internal sealed class EmbeddedClickHouseHostedService(
    IOptions<EmbeddedClickHouseOptions> options, ILoggerFactory loggerFactory, EmbeddedClickHouseAccessor accessor) : IHostedService, IAsyncDisposable
{
    private EmbeddedClickHouseServer? server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            server = await EmbeddedClickHouseServer.StartAsync(options.Value, loggerFactory, cancellationToken);
            accessor.SetStarted(server);
        }
        catch (Exception ex)
        {
            accessor.SetFailed(ex);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref server, null) is not { } running)
        {
            return;
        }

        accessor.SetStopped();
        await running.DisposeAsync();
    }
}
