namespace Streams.Platform.Kafka;

/// <summary>The Kafka cluster this process talks to, embedded or external. Valid once the host has started.</summary>
public interface IKafkaEndpoint
{
    string BootstrapServers { get; }

    bool IsEmbedded { get; }

    /// <summary>Creates topics where the admin protocol cannot (the embedded broker); null on an external cluster.</summary>
    ITopicCreator? TopicCreator { get; }
}
