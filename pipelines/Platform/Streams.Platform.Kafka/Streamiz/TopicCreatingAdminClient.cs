using System.Reflection;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Streams.Platform.Kafka.Streamiz;

/// <summary>
/// An <see cref="IAdminClient"/> that answers CreateTopics itself and passes every other call
/// to the real client. A proxy rather than a hand-written wrapper: IAdminClient has some thirty
/// members and grows with each Confluent.Kafka release.
/// </summary>
internal class TopicCreatingAdminClient : DispatchProxy
{
    private static readonly MethodInfo CreateTopics = typeof(IAdminClient).GetMethod(nameof(IAdminClient.CreateTopicsAsync))!;

    private IAdminClient _inner = null!;
    private ITopicCreator _topics = null!;

    public static IAdminClient Wrap(IAdminClient inner, ITopicCreator topics)
    {
        var proxy = Create<IAdminClient, TopicCreatingAdminClient>();
        var self = (TopicCreatingAdminClient)(object)proxy;
        self._inner = inner;
        self._topics = topics;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod == CreateTopics)
        {
            foreach (var spec in (IEnumerable<TopicSpecification>)args![0]!)
            {
                // -1 asks the broker for its default; the embedded broker's default is 1.
                _topics.CreateTopic(spec.Name, spec.NumPartitions > 0 ? spec.NumPartitions : 1);
            }

            return Task.CompletedTask;
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
