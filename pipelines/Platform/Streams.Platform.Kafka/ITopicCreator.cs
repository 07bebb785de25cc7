namespace Streams.Platform.Kafka;

/// <summary>
/// Creates topics by a means other than the Kafka admin protocol. The embedded broker has no
/// CreateTopics API, so Streamiz' changelog and repartition topics are created through this.
/// </summary>
public interface ITopicCreator
{
    /// <summary>Creates the topic if it does not exist yet.</summary>
    void CreateTopic(string name, int partitions);
}
