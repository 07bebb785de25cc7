namespace Streams.Platform.Kafka;

/// <summary>The embedded broker, bound from <c>Kafka:Embedded</c>.</summary>
public sealed class EmbeddedKafkaOptions
{
    public const string SectionName = "Kafka:Embedded";

    /// <summary>How many brokers the cluster has (1..N). Topics are created with replication min(3, Brokers).</summary>
    public int Brokers { get; set; } = 1;

    /// <summary>Loopback address the brokers listen on.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>
    /// The host name metadata gives clients; by default <see cref="Host"/>, or 127.0.0.1 when
    /// listening on every interface (a container: set it to the name other containers use).
    /// </summary>
    public string? AdvertisedHost { get; set; }

    internal string Advertised => AdvertisedHost ?? (Host is "0.0.0.0" or "::" ? "127.0.0.1" : Host);

    /// <summary>Port of broker 1; broker i listens on Port + i - 1. 0 picks free ports.</summary>
    public int Port { get; set; } = 9092;
}
