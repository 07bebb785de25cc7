using System.Threading.Channels;

namespace Streams.Notifier;

/// <summary>
/// The dashboard's live feed: notifications delivered over the <c>dashboard</c> channel, in
/// process. Each subscriber gets a bounded buffer that drops its oldest items when it falls behind,
/// so a slow WebSocket never holds up the notifier.
/// </summary>
public interface INotificationFeed
{
    /// <summary>Starts receiving at once; the reader completes when <paramref name="cancellationToken"/> fires.</summary>
    ChannelReader<NotificationFeedItem> Subscribe(CancellationToken cancellationToken);
}
