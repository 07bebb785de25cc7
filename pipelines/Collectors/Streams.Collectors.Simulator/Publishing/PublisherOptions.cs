namespace Streams.Collectors.Simulator.Publishing;

/// <summary>Where the simulator and replay publish; defaults are the ports of the embedded platform (<c>streams up</c>).</summary>
public sealed record PublisherOptions
{
    public string BootstrapServers { get; init; } = "127.0.0.1:9092";

    public string SchemaRegistryUrl { get; init; } = "http://127.0.0.1:8081";

    /// <summary>The <c>streams</c> process that owns an embedded broker, asked to create the labels topic the broker cannot create itself.</summary>
    public Uri? PlatformUrl { get; init; } = new("http://127.0.0.1:8080");

    /// <summary>Hold back while the processor trails <c>metrics.raw</c> by more than this many records (the collectors' <c>Collectors:Backoff:MaxLagRecords</c>); 0 never holds back.</summary>
    public long BackoffLagRecords { get; init; } = new Streams.Collectors.Publishing.Backoff.BackoffOptions().MaxLagRecords;
}
