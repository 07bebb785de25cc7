using System.Globalization;

namespace Streams.Scoring.Artifacts;

/// <summary>
/// Model versions: the UTC creation time to the millisecond, <c>yyyyMMddTHHmmssfffZ</c>, so they
/// sort as text and say when they were made; a version is never below the latest one it follows
/// (clock steps back, two trainings in one millisecond) but one millisecond above it.
/// </summary>
public static class ModelVersion
{
    private const string Format = "yyyyMMdd'T'HHmmssfff'Z'";

    public static string Next(DateTimeOffset now, string? latest)
    {
        var candidate = now.ToUniversalTime();
        if (latest is not null && DateTimeOffset.TryParseExact(latest, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var previous) && previous >= candidate)
        {
            candidate = previous.AddMilliseconds(1);
        }

        return candidate.ToString(Format, CultureInfo.InvariantCulture);
    }

    /// <summary>When the version was made, or null when it is not one of these versions.</summary>
    public static DateTimeOffset? TimeOf(string? version) =>
        version is not null && DateTimeOffset.TryParseExact(version, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <summary>Whether <paramref name="candidate"/> is newer than <paramref name="current"/> (null: nothing yet).</summary>
    public static bool IsNewer(string candidate, string? current) =>
        current is null || string.CompareOrdinal(candidate, current) > 0;
}
