using Streams.Notifier.Channels;

namespace Streams.Notifier.Tests;

public sealed class NotificationFeedTests
{
    [Fact]
    public async Task DashboardChannel_Subscriber_ReceivesTheNotification()
    {
        var feed = new NotificationFeed(TestData.Options());
        using var stop = new CancellationTokenSource();
        var reader = feed.Subscribe(stop.Token);
        var preference = TestData.Preference("""{ "type": "dashboard", "address": "web-team" }""");

        await new DashboardChannel(feed, TimeProvider.System).SendAsync(TestData.Message(preference, TestData.Alert()), preference.Channels[0], CancellationToken.None);

        var item = await reader.ReadAsync();
        Assert.Equal(("web-team", "FIRING", "MAJOR"), (item.Recipient, item.Status, item.Severity));
        Assert.Equal(["fp-1"], item.Fingerprints);
    }

    [Fact]
    public void Publish_SlowSubscriber_KeepsTheNewestWithinCapacity()
    {
        var feed = new NotificationFeed(TestData.Options(o => o.FeedCapacity = 3));
        using var stop = new CancellationTokenSource();
        var reader = feed.Subscribe(stop.Token);

        for (var i = 0; i < 10; i++)
        {
            feed.Publish(new NotificationFeedItem("u", "FIRING", "MAJOR", "t" + i, string.Empty, "g", [], DateTimeOffset.UtcNow));
        }

        var titles = new List<string>();
        while (reader.TryRead(out var item))
        {
            titles.Add(item.Title);
        }

        Assert.Equal(["t7", "t8", "t9"], titles);
    }

    [Fact]
    public async Task Subscribe_Cancelled_CompletesReaderAndUnsubscribes()
    {
        var feed = new NotificationFeed(TestData.Options());
        using var stop = new CancellationTokenSource();
        var reader = feed.Subscribe(stop.Token);

        await stop.CancelAsync();

        await reader.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, feed.SubscriberCount);
    }
}
