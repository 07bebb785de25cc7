using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Streams.Platform.Hosting;

/// <summary>
/// A minimal Kestrel application for a server the <c>streams</c> host embeds (Schema Registry,
/// ClickHouse endpoint). It lives and dies with the hosted service that owns it: it neither
/// listens for Ctrl-C itself (which would stop it while the outer host still flushes into it)
/// nor prints its own start-up banner.
/// </summary>
public static class EmbeddedWebApplication
{
    public static WebApplicationBuilder CreateBuilder(ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.Services.TryAddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, OwnedLifetime>());
        builder.WebHost.SuppressStatusMessages(true);
        return builder;
    }

    private sealed class OwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
