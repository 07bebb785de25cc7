using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Streams.Platform.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Platform.ClickHouse.Http;
using Streams.Platform.ClickHouse.Native;

namespace Streams.Platform.ClickHouse;

/// <summary>
/// chDB (the ClickHouse engine as a library) behind a ClickHouse-compatible HTTP endpoint, so
/// ClickHouse.Driver and curl talk to it exactly as to a ClickHouse server.
/// </summary>
public sealed class EmbeddedClickHouseServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ChDbEngine engine;
    private int disposed;

    private EmbeddedClickHouseServer(WebApplication app, ChDbEngine engine, Uri url, string version)
    {
        this.app = app;
        this.engine = engine;
        Url = url;
        Version = version;
    }

    /// <summary>The endpoint, e.g. http://127.0.0.1:8123/.</summary>
    public Uri Url { get; }

    /// <summary>The port actually bound (the chosen one when the option said 0).</summary>
    public int Port => Url.Port;

    /// <summary>A ClickHouse.Driver connection string for this endpoint.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"Host={Url.Host};Port={Port}");

    /// <summary>The ClickHouse version chDB embeds.</summary>
    public string Version { get; }

    /// <summary>The absolute data directory.</summary>
    public string DataPath => engine.DataPath;

    public static async Task<EmbeddedClickHouseServer> StartAsync(EmbeddedClickHouseOptions options, ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Connections, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataPath);
        var address = ParseHost(options.Host);
        loggerFactory ??= NullLoggerFactory.Instance;

        var native = ChDbNative.Load(ChDbLibraryLocator.Locate(options.LibraryPath));
        var engine = await Task.Run(() => ChDbEngine.Open(native, options.DataPath, options.Connections), cancellationToken);
        WebApplication? app = null;
        try
        {
            ChDbServerInfo info;
            var connection = await engine.RentAsync(cancellationToken);
            try
            {
                info = ChDbServerInfo.Read(connection);
            }
            finally
            {
                engine.Return(connection);
            }

            var handler = new ClickHouseHttpHandler(engine, info, loggerFactory.CreateLogger<EmbeddedClickHouseServer>());
            app = BuildApp(address, options.Port, loggerFactory, handler);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is AddressInUseException || ex.InnerException is AddressInUseException
                || (ex.InnerException as SocketException)?.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new InvalidOperationException(
                    $"Embedded ClickHouse cannot listen on {options.Host}:{options.Port}: the port is already in use; set ClickHouse:Embedded:Port to a free port (0 picks one).",
                    ex);
            }

            var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            var url = new UriBuilder(bound) { Path = "/" }.Uri;
            loggerFactory.CreateLogger<EmbeddedClickHouseServer>().LogInformation(
                "Embedded ClickHouse (chDB {Version}) listening on {Url}, data in {DataPath}, {Connections} connections",
                info.Version, url, engine.DataPath, engine.Connections);
            return new EmbeddedClickHouseServer(app, engine, url, info.Version);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            engine.Dispose();
            throw;
        }
    }

    /// <summary>Stops the HTTP endpoint, waits for running requests, then closes chDB.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        finally
        {
            engine.Dispose();
        }
    }

    private static IPAddress ParseHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var address) ? address
        : throw new ArgumentException($"ClickHouse:Embedded:Host must be an IP address or localhost, not '{host}'.", nameof(host));

    private static WebApplication BuildApp(IPAddress address, int port, ILoggerFactory loggerFactory, ClickHouseHttpHandler handler)
    {
        var builder = EmbeddedWebApplication.CreateBuilder(loggerFactory);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // INSERT bodies are unbounded, as with ClickHouse; the driver may put long queries
            // and parameters in the URL (ClickHouse accepts 1 MiB, http_max_uri_size).
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MaxRequestLineSize = 1 << 20;
            kestrel.Limits.MaxRequestHeadersTotalSize = 1 << 20;
            kestrel.Limits.MaxRequestBufferSize = 4 << 20;
            kestrel.Listen(address, port);
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        return app;
    }
}
