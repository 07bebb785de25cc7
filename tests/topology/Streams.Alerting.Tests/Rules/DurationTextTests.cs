using Streams.Alerting.Rules;

namespace Streams.Alerting.Tests.Rules;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("250ms", 250)]
    [InlineData("0", 0)]
    public void TryParse_PrometheusDurations_Parse(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(milliseconds, (long)duration.TotalMilliseconds);
        Assert.Equal(duration, DurationText.TryParse(DurationText.Format(duration), out var back) ? back : TimeSpan.MinValue);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("5 m")]
    [InlineData("m5")]
    [InlineData("")]
    [InlineData("-5m")]
    public void TryParse_NotADuration_IsFalse(string text) => Assert.False(DurationText.TryParse(text, out _));
}
