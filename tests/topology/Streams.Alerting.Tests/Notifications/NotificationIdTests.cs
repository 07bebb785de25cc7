using io.streams.avro;
using Streams.Alerting.Notifications;

namespace Streams.Alerting.Tests.Notifications;

public sealed class NotificationIdTests
{
    private static readonly DateTime Start = Alerts.EpisodeStart;

    [Fact]
    public void For_SameInputs_SameId() => Assert.Equal(
        NotificationId.For("fp", AlertState.FIRING, Start, ChannelType.Email, "a@b.co"),
        NotificationId.For("fp", AlertState.FIRING, Start, ChannelType.Email, "a@b.co"));

    [Fact]
    public void For_AnyPartDiffers_IdDiffers()
    {
        var ids = new[]
        {
            NotificationId.For("fp", AlertState.FIRING, Start, ChannelType.Email, "a@b.co"),
            NotificationId.For("fp2", AlertState.FIRING, Start, ChannelType.Email, "a@b.co"),
            NotificationId.For("fp", AlertState.RESOLVED, Start, ChannelType.Email, "a@b.co"),
            NotificationId.For("fp", AlertState.FIRING, Start.AddMinutes(1), ChannelType.Email, "a@b.co"),
            NotificationId.For("fp", AlertState.FIRING, Start, ChannelType.Dashboard, "a@b.co"),
            NotificationId.For("fp", AlertState.FIRING, Start, ChannelType.Email, "c@b.co"),
            NotificationId.For("fp", AlertState.FIRING, Start, ChannelType.Email, "a@b.co", repeat: 1),
        };

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }
}
