using System.CommandLine;
using Streams.Collectors.Simulator.Publishing;

namespace Streams.Collectors.Simulator.Cli;

/// <summary>The options <c>simulate</c> and <c>replay</c> share: where to publish, how fast, where the labels file goes.</summary>
public sealed class PublishingCommandOptions
{
    /// <summary>
    /// Default cap in events/s. Measured on 2 cores (tests/bench/Streams.Collectors.Simulator.Benchmarks,
    /// 100,000 servers): with a raw consumer reading along in the same process the embedded broker
    /// stayed lossless up to 250,000 events/s and lost records at 300,000. The pipeline's consumers
    /// deserialize and compute, so the default leaves them most of the machine.
    /// </summary>
    public const double DefaultRate = 100_000;

    public PublishingCommandOptions(string labelsFileDefault)
    {
        LabelsFile = new Option<string>("--labels-file") { Description = "JSON-lines file the ground-truth labels are written to.", DefaultValueFactory = _ => labelsFileDefault };
    }

    public Option<string> BootstrapServers { get; } = new("--bootstrap-servers") { Description = "Kafka bootstrap servers.", DefaultValueFactory = _ => new PublisherOptions().BootstrapServers };

    public Option<string> SchemaRegistry { get; } = new("--schema-registry") { Description = "Schema Registry URL.", DefaultValueFactory = _ => new PublisherOptions().SchemaRegistryUrl };

    public Option<string> Platform { get; } = new("--platform") { Description = "URL of the streams process running the embedded broker, asked to create the labels topic; empty for none.", DefaultValueFactory = _ => new PublisherOptions().PlatformUrl?.ToString() ?? "" };

    public Option<double> Rate { get; } = new("--rate") { Description = "Highest rate in events/s (0: no limit). The embedded broker drops data a lagging consumer has not read: keep it below what the pipeline consumes.", DefaultValueFactory = _ => DefaultRate };

    public Option<long> BackoffLag { get; } = new("--backoff-lag")
    {
        Description = "Hold back while the processor (streams-processor) trails metrics.raw by more than this many records, as the collectors do (0: never). The embedded broker drops what a lagging consumer has not read.",
        DefaultValueFactory = _ => new PublisherOptions().BackoffLagRecords,
    };

    public Option<string> LabelsFile { get; }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(BootstrapServers);
        command.Add(SchemaRegistry);
        command.Add(Platform);
        command.Add(Rate);
        command.Add(BackoffLag);
        command.Add(LabelsFile);
    }

    /// <exception cref="ArgumentException">An option holds something unusable; the message names it.</exception>
    public PublisherOptions Publisher(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var platform = parse.GetValue(Platform);
        Uri? platformUrl = null;
        if (!string.IsNullOrWhiteSpace(platform) && !Uri.TryCreate(platform, UriKind.Absolute, out platformUrl))
        {
            throw new ArgumentException($"--platform '{platform}' is not an absolute URL.", nameof(parse));
        }

        if (parse.GetValue(Rate) is var rate && (rate < 0 || !double.IsFinite(rate)))
        {
            throw new ArgumentException($"--rate must be 0 (no limit) or a positive number of events/s, not {rate}.", nameof(parse));
        }

        if (parse.GetValue(BackoffLag) is var backoff && backoff < 0)
        {
            throw new ArgumentException($"--backoff-lag must be 0 (never hold back) or a number of records, not {backoff}.", nameof(parse));
        }

        return new PublisherOptions
        {
            BackoffLagRecords = backoff,
            BootstrapServers = parse.GetRequiredValue(BootstrapServers),
            SchemaRegistryUrl = parse.GetRequiredValue(SchemaRegistry),
            PlatformUrl = platformUrl,
        };
    }
}
