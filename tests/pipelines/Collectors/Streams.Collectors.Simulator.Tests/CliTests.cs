using Streams.Collectors.Simulator.Cli;

namespace Streams.Collectors.Simulator.Tests;

public sealed class CliTests
{
    [Theory]
    [InlineData("20s", 20_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("250ms", 250)]
    [InlineData("1d", 86_400_000)]
    [InlineData("00:00:05", 5_000)]
    public void TryParse_Durations_AreUnderstood(string text, long milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("-5s")]
    public void TryParse_Garbage_IsRefused(string text) =>
        Assert.False(DurationParser.TryParse(text, out _));

    [Fact]
    public void Parse_BadDuration_IsAParseErrorNamingTheText()
    {
        var result = SimulateCommand.Create().Parse("--duration soon");

        Assert.Contains(result.Errors, e => e.Message.Contains("'soon' is not a duration", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invoke_ServersOutOfRange_ExitsWithTwoBeforeConnecting()
    {
        var exit = await SimulateCommand.Create().Parse("--servers 0 --bootstrap-servers 127.0.0.1:1").InvokeAsync();

        Assert.Equal(2, exit);
    }
}
