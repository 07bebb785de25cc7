using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;
using Streams.Schemas.Topics;

namespace Streams.Topology.DeadLetters;

/// <summary>The dead-letter branch every stage shares: rejects go to <c>deadletter</c> keyed by their source topic, original bytes as the value, the reason in headers.</summary>
internal static class DeadLetterStream
{
    public static void Route<TOutcome>(IKStream<string, TOutcome> outcomes, Func<TOutcome, Rejection?> rejectionOf)
    {
        outcomes
            .Filter((_, outcome, _) => rejectionOf(outcome) is not null)
            .Map((_, outcome, context) =>
            {
                var rejection = rejectionOf(outcome)!;
                context.SetHeaders(rejection.ToHeaders());
                return KeyValuePair.Create(rejection.Source.Topic, rejection.Original);
            })
            .To(TopicCatalogue.DeadLetter.Name, new StringSerDes(), new ByteArraySerDes());
    }
}
