using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;
using Streams.Collectors.Publishing.Backoff;
using Streams.Schemas.Topics;
using Streams.Collectors.Simulator.Dashboard;
using Streams.Collectors.Simulator.Labels;
using Streams.Collectors.Simulator.Publishing;

namespace Streams.Collectors.Simulator.Cli;

/// <summary>
/// What <c>simulate</c> and <c>replay</c> do around their run: connect, provision the labels topic,
/// watch the processor's lag (the run's pacer holds back over <see cref="PublisherOptions.BackoffLagRecords"/>),
/// show progress and the summary.
/// </summary>
public static class PublishingVerb
{
    // Long enough for the broker to drain a full producer queue at the embedded broker's pace.
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(60);

    /// <returns>0 when every event was acknowledged, 1 when some failed or stayed unconfirmed, 2 when Kafka could not be reached.</returns>
    /// <exception cref="ArgumentException">Thrown by <paramref name="create"/> for bad input, before anything is sent.</exception>
    public static async Task<int> RunAsync(
        IAnsiConsole console,
        string title,
        PublisherOptions publisher,
        string labelsPath,
        Func<IEventSink, LabelFile, IBackpressure?, IPublishingRun> create,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(create);
        // The run is made first so bad input (a missing dataset) is reported before any network wait;
        // the producer connects lazily.
        using var sink = new KafkaPublisher(publisher);
        using var labels = new LabelFile(labelsPath);
        using var gate = publisher.BackoffLagRecords > 0
            ? new ProcessorLagGate(new BackoffOptions { MaxLagRecords = publisher.BackoffLagRecords }, publisher.BootstrapServers, NullLogger.Instance)
            : null;
        var run = create(sink, labels, gate);
        try
        {
            var catalogued = await LabelsTopicProvisioner.EnsureAsync(publisher.BootstrapServers, null, publisher.PlatformUrl, cancellationToken);
            if (!catalogued)
            {
                console.MarkupLineInterpolated($"[yellow]The cluster refused to create topic '{TopicCatalogue.Labels.Name}'; it will be auto-created by the first label.[/]");
            }
        }
        catch (KafkaException ex)
        {
            console.MarkupLineInterpolated($"[red]Cannot reach Kafka at {publisher.BootstrapServers}: {ex.Message}[/]");
            return 2;
        }

        console.MarkupLineInterpolated($"{title}: Kafka {publisher.BootstrapServers}, Schema Registry {publisher.SchemaRegistryUrl}, labels to {Path.GetFullPath(labelsPath)}");
        using var watching = new CancellationTokenSource();
        var watch = gate is null ? Task.CompletedTask : Task.Run(() => gate.RunAsync(watching.Token), CancellationToken.None);
        RunSnapshot final;
        try
        {
            final = await RunDashboard.ShowAsync(console, title, run.Progress, Task.Run(() => run.RunAsync(FlushTimeout, cancellationToken), cancellationToken));
        }
        finally
        {
            await watching.CancelAsync();
            await watch;
        }

        if (sink.LastError is { } error && final.Failed > 0)
        {
            console.MarkupLineInterpolated($"[red]Last error: {error}[/]");
        }

        return final.Failed == 0 && final.InFlight == 0 ? 0 : 1;
    }
}
