using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Streams.Platform.ClickHouse;

/// <summary>Starts the embedded ClickHouse with the host and closes chDB at shutdown.</summary>
internal sealed class EmbeddedClickHouseHostedService(
    IOptions<EmbeddedClickHouseOptions> options, ILoggerFactory loggerFactory, EmbeddedClickHouseAccessor accessor) : IHostedService
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

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is null)
        {
            return;
        }

        accessor.SetStopped();
        await server.DisposeAsync();
        server = null;
    }
}
