using System.Threading.Channels;
using Streams.Alerting.Notifications;

namespace Streams.Notifier.Delivery;

/// <summary>
/// A queue and a worker per target (a channel type and its URL or address), made when the target is
/// first notified, as Alertmanager runs one pipeline per receiver integration. A dead or slow
/// target (a webhook answering 503 through minutes of retries, an SMTP relay timing out) holds only
/// its own deliveries. With four workers per channel type, ten deliveries to one dead webhook held
/// them all in their retries, and a system test saw no other webhook even tried until 20 s after
/// the dead one came back. One worker per
/// target also keeps a target's notifications in order, so a RESOLVED never overtakes the FIRING
/// still being retried. Queues are unbounded on purpose: a bounded one, once full, would block the
/// alert consumer and with it every other target; their size is bounded by the alert rate times
/// the outage. A target's queue lives as long as the process: there are as many as channels in the
/// preferences.
/// </summary>
internal sealed class DeliveryQueues(NotificationDeliverer deliverer)
{
    private readonly Dictionary<(ChannelType Type, string Target), Channel<DeliveryRequest>> queues = [];
    private readonly List<Task> workers = [];
    private CancellationToken stopping = CancellationToken.None;

    /// <summary>Workers started from now on stop at <paramref name="cancellationToken"/>.</summary>
    public void Start(CancellationToken cancellationToken) => stopping = cancellationToken;

    public void Enqueue(DeliveryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!deliverer.ChannelTypes.Contains(request.Target.Type) || !QueueOf(request.Target).Writer.TryWrite(request))
        {
            request.Completion.TrySetException(new InvalidOperationException($"no delivery queue for {request.Target.Type.Name()}"));
        }
    }

    /// <summary>Lets queued deliveries finish; returns when they have, or when the workers' token cancelled them.</summary>
    public async Task DrainAsync()
    {
        Task[] running;
        lock (queues)
        {
            foreach (var queue in queues.Values)
            {
                queue.Writer.TryComplete();
            }

            running = [.. workers];
        }

        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The drain timeout cancelled the workers; what they did not finish stays PENDING and is delivered by the next run.
        }
    }

    private Channel<DeliveryRequest> QueueOf(ChannelTarget target)
    {
        var key = (target.Type, target.Url?.AbsoluteUri ?? target.Address ?? target.Recipient);
        lock (queues)
        {
            if (!queues.TryGetValue(key, out var queue))
            {
                queue = Channel.CreateUnbounded<DeliveryRequest>(new UnboundedChannelOptions { SingleReader = true });
                queues[key] = queue;
                var token = stopping;
                workers.Add(Task.Run(
                    async () =>
                    {
                        await foreach (var request in queue.Reader.ReadAllAsync(token).ConfigureAwait(false))
                        {
                            await deliverer.DeliverAsync(request, token).ConfigureAwait(false);
                        }
                    },
                    CancellationToken.None));
            }

            return queue;
        }
    }
}
