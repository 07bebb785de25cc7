using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Streams.Alerting.Notifications;

namespace Streams.Notifier.Delivery;

/// <summary>
/// A queue and a few workers per channel type, so a slow or dead channel (an SMTP relay timing
/// out through its retries) holds only its own workers while the others deliver at once. Queues
/// are unbounded on purpose: a bounded one, once full, would block the alert consumer and with it
/// every other channel; their size is bounded by the alert rate times the outage.
/// </summary>
internal sealed class DeliveryQueues(NotificationDeliverer deliverer, IOptions<NotifierOptions> options)
{
    private readonly Dictionary<ChannelType, Channel<DeliveryRequest>> queues = [];
    private readonly List<Task> workers = [];

    public void Start(CancellationToken cancellationToken)
    {
        foreach (var type in deliverer.ChannelTypes)
        {
            var queue = Channel.CreateUnbounded<DeliveryRequest>(new UnboundedChannelOptions { SingleWriter = true });
            queues[type] = queue;
            for (var i = 0; i < Math.Max(1, options.Value.WorkersPerChannel); i++)
            {
                workers.Add(Task.Run(
                    async () =>
                    {
                        await foreach (var request in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                        {
                            await deliverer.DeliverAsync(request, cancellationToken).ConfigureAwait(false);
                        }
                    },
                    CancellationToken.None));
            }
        }
    }

    public void Enqueue(DeliveryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!queues.TryGetValue(request.Target.Type, out var queue) || !queue.Writer.TryWrite(request))
        {
            request.Completion.TrySetException(new InvalidOperationException($"no delivery queue for {request.Target.Type.Name()}"));
        }
    }

    /// <summary>Lets queued deliveries finish; returns when they have, or when the workers' token cancelled them.</summary>
    public async Task DrainAsync()
    {
        foreach (var queue in queues.Values)
        {
            queue.Writer.TryComplete();
        }

        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The drain timeout cancelled the workers; what they did not finish stays PENDING and is delivered by the next run.
        }
    }
}
