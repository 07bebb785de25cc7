using Cronos;
using Streams.Alerting.Matching;

namespace Streams.Alerting.Silences;

/// <summary>A validated silence with its matchers and schedule compiled, asked "does it mute these labels now?".</summary>
public sealed class ActiveSilence
{
    private readonly IReadOnlyList<LabelMatcher> matchers;
    private readonly CronExpression? cron;
    private readonly TimeZoneInfo zone;

    private ActiveSilence(Silence silence, IReadOnlyList<LabelMatcher> matchers, CronExpression? cron, TimeZoneInfo zone)
    {
        Silence = silence;
        this.matchers = matchers;
        this.cron = cron;
        this.zone = zone;
    }

    public Silence Silence { get; }

    /// <summary>Compiles <paramref name="silence"/>, or lists every problem with it.</summary>
    public static ActiveSilence? Compile(Silence silence, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(silence);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(silence.Id))
        {
            problems.Add("id: required");
        }

        if (silence.Matchers.Count == 0)
        {
            problems.Add("matchers: at least one (a silence without matchers would mute everything)");
        }

        var compiled = new List<LabelMatcher>();
        foreach (var (text, index) in silence.Matchers.Select((m, i) => (m, i)))
        {
            if (LabelMatcher.TryParse(text, out var matcher, out var error))
            {
                compiled.Add(matcher);
            }
            else
            {
                problems.Add($"matchers[{index}]: {error}");
            }
        }

        if (silence.EndsAt is { } end && end <= silence.StartsAt)
        {
            problems.Add($"endsAt: {end:O} must be after startsAt {silence.StartsAt:O}");
        }

        if (silence.Recurrence is null && silence.EndsAt is null)
        {
            problems.Add("endsAt: required for a one-off silence");
        }

        CronExpression? cron = null;
        var zone = TimeZoneInfo.Utc;
        if (silence.Recurrence is { } recurrence)
        {
            try
            {
                cron = CronExpression.Parse(recurrence.Cron);
            }
            catch (CronFormatException e)
            {
                problems.Add($"recurrence.cron: '{recurrence.Cron}' {e.Message}");
            }

            if (recurrence.Duration <= TimeSpan.Zero || recurrence.Duration > TimeSpan.FromDays(7))
            {
                problems.Add("recurrence.duration: must be between 1s and 7d");
            }

            if (!string.IsNullOrEmpty(recurrence.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(recurrence.TimeZone, out zone!))
            {
                problems.Add($"recurrence.timeZone: '{recurrence.TimeZone}' is not a known time zone (use an IANA name such as Europe/Paris)");
                zone = TimeZoneInfo.Utc;
            }
        }

        errors = problems;
        return problems.Count == 0 ? new ActiveSilence(silence, compiled, cron, zone) : null;
    }

    /// <summary>Whether the silence is in force at <paramref name="now"/> (its window, or one of its recurrences).</summary>
    public bool IsActiveAt(DateTimeOffset now)
    {
        if (now < Silence.StartsAt || (Silence.EndsAt is { } end && now >= end))
        {
            return false;
        }

        if (cron is null)
        {
            return true;
        }

        // In force when an occurrence fell within the last duration, [occurrence, occurrence +
        // duration): the first occurrence strictly after (now - duration) is at or before now.
        var duration = Silence.Recurrence!.Duration;
        var occurrence = cron.GetNextOccurrence(now.UtcDateTime - duration, zone, inclusive: false);
        return occurrence is { } start && start <= now.UtcDateTime;
    }

    public bool Mutes(IReadOnlyDictionary<string, string> labels, DateTimeOffset now) =>
        IsActiveAt(now) && matchers.All(m => m.Matches(labels));
}
