namespace Streams.Alerting.Notifications;

/// <summary>
/// A daily window in the recipient's time zone when notifications are held back. A window whose
/// end is before its start spans midnight (22:00–07:00). CRITICAL alerts still go through unless
/// <see cref="AllowCritical"/> is false.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End, TimeZoneInfo TimeZone, bool AllowCritical)
{
    public bool Contains(DateTimeOffset instant)
    {
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);
        return Start <= End
            ? local >= Start && local < End
            : local >= Start || local < End;
    }
}
