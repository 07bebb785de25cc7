using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Alerter;
using Streams.Notifier;
using Streams.Platform.Kafka;
using Streams.Platform.Kafka.Streamiz;
using Streams.Platform.SchemaRegistry;
using Streams.Testing;

namespace Streams.Alerting.Benchmarks;

/// <summary>
/// The alerting and notifier roles, each in its own host as <c>streams run --roles</c> would run
/// them, on the embedded platform. Their services are internal to their assemblies, so readiness
/// is read through what is public: the alerting role is a <see cref="StreamizService"/>
/// (<c>Running</c>), the notifier exposes <c>Consuming</c> (read by reflection).
/// </summary>
internal sealed class RoleHosts : IAsyncDisposable
{
    private readonly List<IHost> hosts = [];

    public IHost Alerting => hosts[0];

    public IHost Notifier => hosts[1];

    /// <param name="platform">The embedded platform.</param>
    /// <param name="configuration">The roles' settings.</param>
    /// <param name="logLevel">The roles' log level.</param>
    /// <param name="experiment">When set, <see cref="TunedAlerting"/> with these librdkafka settings runs instead of the alerting role.</param>
    public static async Task<RoleHosts> StartAsync(StreamizTestPlatform platform, IConfiguration configuration, LogLevel logLevel, TunedSettings? experiment)
    {
        var roles = new RoleHosts();
        roles.hosts.Add(await StartAsync(platform, configuration, logLevel, (s, c) =>
        {
            if (experiment is { } tuned)
            {
                s.AddOptions<AlerterOptions>().Bind(c.GetSection(AlerterOptions.SectionName));
                s.AddSingleton(sp => new TunedAlerting(
                    sp.GetRequiredService<IOptions<AlerterOptions>>(),
                    sp.GetRequiredService<IKafkaEndpoint>(),
                    sp.GetRequiredService<ISchemaRegistryEndpoint>(),
                    sp.GetRequiredService<ILoggerFactory>(),
                    tuned));
                s.AddSingleton<IHostedService>(sp => sp.GetRequiredService<TunedAlerting>());
            }
            else
            {
                s.AddAlerter(c);
            }
        }));
        roles.hosts.Add(await StartAsync(platform, configuration, logLevel, (s, c) => s.AddNotifier(c)));
        return roles;
    }

    /// <summary>Completes when the alerting stream is RUNNING (its group joined, partitions assigned).</summary>
    public Task AlertingRunning() => Alerting.Services.GetServices<IHostedService>().Single() switch
    {
        StreamizService role => role.Running,
        TunedAlerting tuned => tuned.Running,
        var other => throw new InvalidOperationException($"unexpected alerting service {other.GetType().Name}"),
    };

    /// <summary>Completes when the notifier has read preferences and ledger and subscribed to alerts (its group join comes after).</summary>
    public Task NotifierConsuming()
    {
        var service = Notifier.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "NotifierService");
        return (Task)service.GetType().GetProperty("Consuming", BindingFlags.Public | BindingFlags.Instance)!.GetValue(service)!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(hosts))
        {
            await host.StopAsync(TimeSpan.FromSeconds(30));
            host.Dispose();
        }
    }

    private static async Task<IHost> StartAsync(StreamizTestPlatform platform, IConfiguration configuration, LogLevel logLevel, Action<IServiceCollection, IConfiguration> register)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(logLevel)
            // AlertTransformer's punctuation leaves its store.All() iterators open; RocksDB warns about each at shutdown,
            // one line per task, which would bury the figures (reported as a finding, not this harness's to fix).
            .AddFilter("Streamiz.Kafka.Net.State.RocksDbKeyValueStore", LogLevel.Error);
        var endpoints = new BenchEndpoints(platform);
        builder.Services.AddSingleton<IKafkaEndpoint>(endpoints);
        builder.Services.AddSingleton<ISchemaRegistryEndpoint>(endpoints);
        register(builder.Services, configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
