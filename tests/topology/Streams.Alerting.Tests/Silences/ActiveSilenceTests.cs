using Streams.Alerting.Silences;

namespace Streams.Alerting.Tests.Silences;

public sealed class ActiveSilenceTests
{
    private static readonly Dictionary<string, string> Web1 = new() { ["host"] = "web-1", ["alertname"] = "CpuBusy" };

    [Fact]
    public void Mutes_RecurringNightlyWindowInItsTimeZone_IsActiveOnlyInsideTheWindow()
    {
        // Every day at 02:00 Paris time for 2 hours; in November Paris is UTC+1.
        var silence = Compile(new Silence
        {
            Id = "nightly-backup",
            Matchers = ["host=~\"web-.*\""],
            StartsAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            Recurrence = new() { Cron = "0 2 * * *", Duration = TimeSpan.FromHours(2), TimeZone = "Europe/Paris" },
        });

        Assert.False(silence.Mutes(Web1, new DateTimeOffset(2026, 11, 30, 0, 59, 0, TimeSpan.Zero)));
        Assert.True(silence.Mutes(Web1, new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero)));
        Assert.True(silence.Mutes(Web1, new DateTimeOffset(2026, 11, 30, 2, 59, 0, TimeSpan.Zero)));
        Assert.False(silence.Mutes(Web1, new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero)));
        Assert.False(silence.Mutes(new Dictionary<string, string> { ["host"] = "db-1" }, new DateTimeOffset(2026, 11, 30, 1, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Mutes_OneOffWindow_EndIsExclusive()
    {
        var start = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
        var silence = Compile(new Silence { Id = "s", Matchers = ["host=\"web-1\""], StartsAt = start, EndsAt = start.AddHours(1) });

        Assert.False(silence.Mutes(Web1, start.AddSeconds(-1)));
        Assert.True(silence.Mutes(Web1, start));
        Assert.False(silence.Mutes(Web1, start.AddHours(1)));
    }

    [Fact]
    public void Compile_InvalidSilence_ListsEveryProblem()
    {
        var silence = ActiveSilence.Compile(
            new Silence
            {
                Id = "",
                Matchers = ["host", "alertname=~\"(\""],
                StartsAt = DateTimeOffset.UnixEpoch,
                Recurrence = new() { Cron = "every night", Duration = TimeSpan.Zero, TimeZone = "Mars/Olympus" },
            },
            out var errors);

        Assert.Null(silence);
        Assert.Contains(errors, e => e.StartsWith("id:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("matchers[0]:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("matchers[1]:", StringComparison.Ordinal) && e.Contains("regular expression", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("recurrence.cron:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("recurrence.duration:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("recurrence.timeZone:", StringComparison.Ordinal));
    }

    private static ActiveSilence Compile(Silence silence)
    {
        var compiled = ActiveSilence.Compile(silence, out var errors);
        Assert.Empty(errors);
        return compiled!;
    }
}
