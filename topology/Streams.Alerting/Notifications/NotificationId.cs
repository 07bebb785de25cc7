using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using io.streams.avro;

namespace Streams.Alerting.Notifications;

/// <summary>
/// The stable id of one notification: the same alert state of the same episode to the same
/// recipient over the same channel always gets the same id, so a replay of <c>alerts</c> finds it
/// already delivered. Repeats (repeat_interval) are numbered, so each repeat is a notification of its own.
/// </summary>
public static class NotificationId
{
    public static string For(string fingerprint, AlertState state, DateTime startsAt, ChannelType channel, string recipient, int repeat = 0)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentOutOfRangeException.ThrowIfNegative(repeat);
        var startsAtMs = new DateTimeOffset(DateTime.SpecifyKind(startsAt, DateTimeKind.Utc)).ToUnixTimeMilliseconds();
        var identity = string.Join('\n', fingerprint, state.ToString(), startsAtMs.ToString(CultureInfo.InvariantCulture), channel.Name(), recipient, repeat.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
    }

    /// <summary>
    /// The id a hold-back is audited under: distinct from the delivery's id, so a notification held
    /// back once (quiet hours, flapping) can still be delivered when it is notified again.
    /// </summary>
    public static string Suppressed(string deliveryId, string reasonKind) => deliveryId + "-suppressed-" + reasonKind;
}
