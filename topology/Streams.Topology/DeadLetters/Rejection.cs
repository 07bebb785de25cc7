using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Streams.Topology.DeadLetters;

/// <summary>A record a stage refused, with the original bytes and where they came from.</summary>
public sealed record Rejection(string Stage, string Reason, string Detail, byte[] Original, TopicPartitionOffset Source)
{
    /// <summary>
    /// The dead letter's headers. Every topology turns a rejection into its record through here,
    /// once per rejection, so this is also where the topologies' dead letters are counted.
    /// </summary>
    public Headers ToHeaders()
    {
        DeadLetterMetrics.Record(Stage, Reason);
        return
        [
            Header(DeadLetterHeaders.Reason, Reason),
            Header(DeadLetterHeaders.Detail, Detail),
            Header(DeadLetterHeaders.Stage, Stage),
            Header(DeadLetterHeaders.SourceTopic, Source.Topic),
            Header(DeadLetterHeaders.SourcePartition, Source.Partition.Value.ToString(CultureInfo.InvariantCulture)),
            Header(DeadLetterHeaders.SourceOffset, Source.Offset.Value.ToString(CultureInfo.InvariantCulture)),
        ];
    }

    private static Header Header(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));
}
