namespace Streams.Forecaster.Tests;

public sealed class ForecasterOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass() => new ForecasterOptions().Validate();

    [Theory]
    [InlineData("sideways", null, null, "Direction 'sideways'")]
    [InlineData("rising", 100.0, "swap.total", "not both")]
    [InlineData("rising", double.NaN, null, "finite")]
    public void Validate_BadResource_ThrowsNamingIt(string direction, double? limit, string? limitMetric, string expected)
    {
        var options = new ForecasterOptions();
        options.Resources.Add(new ForecastResourceOptions { Metric = "fs.used.percent", Direction = direction, Limit = limit, LimitMetric = limitMetric });

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("fs.used.percent", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(100.0)]
    public void Validate_SaturatingResourceWithoutAShareLimit_Throws(double? limit)
    {
        var options = new ForecasterOptions();
        options.Resources.Add(new ForecastResourceOptions { Metric = "cpu.util", Limit = limit, Saturates = true });

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Saturates", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CadenceBelowAMinute_Throws()
    {
        Assert.Throws<ArgumentException>(new ForecasterOptions { Cadence = TimeSpan.FromSeconds(5) }.Validate);
    }
}
