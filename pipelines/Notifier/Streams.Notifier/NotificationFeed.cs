using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Streams.Notifier;

internal sealed class NotificationFeed(IOptions<NotifierOptions> options) : INotificationFeed
{
    private readonly ConcurrentDictionary<Channel<NotificationFeedItem>, byte> subscribers = new();

    public int SubscriberCount => subscribers.Count;

    public ChannelReader<NotificationFeedItem> Subscribe(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<NotificationFeedItem>(new BoundedChannelOptions(options.Value.FeedCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        subscribers.TryAdd(channel, 0);
        cancellationToken.Register(() =>
        {
            subscribers.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    public void Publish(NotificationFeedItem item)
    {
        foreach (var subscriber in subscribers.Keys)
        {
            subscriber.Writer.TryWrite(item);
        }
    }
}
