using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Api;
using Streams.Api.Auth;
using Streams.Collectors.Nagios;
using Streams.Collectors.Prometheus;
using Streams.Collectors.Zabbix;
using Streams.Host.Health;
using Streams.Host.Telemetry;
using Streams.Platform.Kafka;
using Streams.Platform.Kafka.Status;
using Streams.Scorer;

namespace Streams.Host.Hosting;

/// <summary>The composition root: one web host running the chosen roles, with health endpoints on the API port.</summary>
internal static class StreamsApp
{
    // Stages flush in-flight work on Ctrl-C; a sink finishing its batch needs more than the default 30 s on a slow ClickHouse.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(60);

    public static WebApplication Build(IReadOnlyList<Role> roles, string[] configArgs, Action<IConfigurationManager>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = configArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddStreamsSources(configArgs);
        configure?.Invoke(builder.Configuration);
        if (!roles.Any(r => r.Name == RoleCatalogue.PlatformRole))
        {
            builder.Configuration.AddLocalPlatformDefaults();
        }

        ListenerExposure.Enforce(builder.Configuration, [.. roles.Select(r => r.Name)]);
        var dataLock = DataDirectoryLock.Acquire(DataDirectory.Apply(builder.Configuration), roles.Select(r => r.Name));
        try
        {
            return Build(builder, roles, dataLock);
        }
        catch
        {
            dataLock.Dispose();
            throw;
        }
    }

    private static WebApplication Build(WebApplicationBuilder builder, IReadOnlyList<Role> roles, DataDirectoryLock dataLock)
    {
        var names = roles.Select(r => r.Name).ToList();

        // A factory registration, so the container owns the lock and releases it with the app.
        builder.Services.AddSingleton(_ => dataLock);

        var api = builder.Configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        builder.WebHost.UseUrls(api.Url.ToString());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton(new RunningRoles(names));

        builder.Services.AddPlatform(builder.Configuration);
        // The platform's topic route (the embedded broker's) and the scorer's host list take the
        // API's keys, in a process without the api role too: the keys are in Kafka, not in the API.
        // The first admin key is written where the API or the embedded broker runs (the first
        // process on a machine), not by a lone scorer, whose key file nobody would read.
        var servesPlatform = (builder.Configuration.GetSection(KafkaOptions.SectionName).Get<KafkaOptions>() ?? new KafkaOptions()).IsEmbedded;
        var servesApi = names.Contains(RoleCatalogue.ApiRole);
        var authenticates = servesPlatform || servesApi || names.Contains(RoleCatalogue.ScorerRole);
        if (authenticates)
        {
            builder.Services.AddApiKeys(builder.Configuration, writeFirstAdminKey: servesPlatform || servesApi);
        }

        foreach (var role in roles)
        {
            role.Register(builder.Services, builder.Configuration);
        }

        if (servesPlatform || servesApi)
        {
            // Where the dashboard and /metrics are looked at: every stage's lag, read by one process, not by each.
            builder.Services.TryAddConsumerLagMonitor(
                RoleCatalogue.All.SelectMany(r => r.ConsumerGroups).Concat(builder.Configuration.GetSection("Status:ConsumerGroups").Get<string[]>() ?? []));
        }

        builder.Services.AddHealthProbes();
        builder.Services.AddProblemDetails();
        builder.Services.AddTelemetry(builder.Configuration, roles);

        var app = builder.Build();
        // Resolved now: a factory singleton never resolved would never be disposed, nor its lock released.
        app.Services.GetRequiredService<DataDirectoryLock>();
        app.MapStreamsHealth();
        if (servesPlatform)
        {
            app.MapPlatformEndpoints().RequireAuthorization(ApiRoles.Admin);
        }

        if (authenticates)
        {
            // Mapped where the scorer does not run too, so `streams status` gets a 404 problem there, not the dashboard.
            app.MapScorerEndpoints().RequireAuthorization(ApiRoles.Viewer);
        }

        if (roles.Any(r => r.Name == RoleCatalogue.ApiRole))
        {
            app.MapStreamsApi();
        }

        if (roles.Any(r => r.Name == RoleCatalogue.PrometheusRole))
        {
            app.MapPrometheusRemoteWrite();
        }

        if (roles.Any(r => r.Name == RoleCatalogue.ZabbixRole))
        {
            app.MapZabbixEvents();
        }

        if (roles.Any(r => r.Name == RoleCatalogue.NagiosRole))
        {
            app.MapNagiosNrdp();
        }

        app.MapStreamsTelemetry();
        return app;
    }

    /// <summary>Runs until Ctrl-C or SIGTERM; a start-up failure is one line on stderr and exit code 2.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<Role> roles, string[] configArgs, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        WebApplication app;
        try
        {
            app = Build(roles, configArgs);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or IOException or UnauthorizedAccessException)
        {
            return StartupError.Report(ex);
        }

        await using (app)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Streams");
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogDebug(ex, "Start-up failed");
                return StartupError.Report(ex);
            }

            logger.LogInformation("Streams is up in {Elapsed} ms: roles {Roles}; data in {DataDir}; health at {Url}healthz and {Url}readyz",
                started.ElapsedMilliseconds, string.Join(",", roles.Select(r => r.Name)), app.Configuration[DataDirectory.Key], app.Urls.First() + "/", app.Urls.First() + "/");
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }
}
