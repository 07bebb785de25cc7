using Confluent.SchemaRegistry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Platform.Kafka;
using Streams.Platform.Kafka.Streamiz;
using Streams.Platform.SchemaRegistry;
using Streams.Topology.Scoring;

namespace Streams.Scorer;

/// <summary>
/// The <c>scorer</c> role: reads the announced models and the scorers' own, then runs <see cref="ScorerTopology"/>
/// with Streamiz until the host stops, while new announcements are swapped in as they arrive.
/// </summary>
internal sealed partial class ScorerService(
    IOptions<ScorerOptions> options,
    IKafkaEndpoint kafka,
    ISchemaRegistryEndpoint registry,
    ILoggerFactory loggers) : StreamizService(kafka, loggers)
{
    private readonly ILogger logger = loggers.CreateLogger<ScorerService>();

    public ModelRegistry Models { get; } = new();

    public ScorerStatus Status { get; } = new();

    /// <summary>What the scorers published about the hosts they judge themselves: adoptable models and fleet priors.</summary>
    public FleetModels Fleet { get; } = new(options.Value.ColdStart);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var metrics = new ScorerMetrics(Status, Models);
        using var announcements = new ModelAnnouncements(Kafka.BootstrapServers, Models, Fleet, logger);
        await Task.Run(() => announcements.CatchUp(settings.ModelsCatchUpTimeout, stoppingToken), stoppingToken).ConfigureAwait(false);
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var reading = Task.Run(() => announcements.Run(stopReading.Token), CancellationToken.None);
        using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
        try
        {
            await RunStreamAsync(settings, () => ScorerTopology.Build(registryClient, settings, Models, Status, fleet: Fleet), stoppingToken, LogStatusAsync).ConfigureAwait(false);
        }
        finally
        {
            await stopReading.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }

        async Task LogStatusAsync(CancellationToken cancellationToken)
        {
            using var timer = new PeriodicTimer(settings.StatusLogInterval);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                LogStatus(Status.LearningHosts, Status.ScoringHosts, Models.Count, Status.WindowsScored, Status.Anomalies);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scorer: {Learning} hosts learning, {Scoring} scoring, {Models} announced models; {Windows} windows scored, {Anomalies} anomalies")]
    private partial void LogStatus(int learning, int scoring, int models, long windows, long anomalies);
}
