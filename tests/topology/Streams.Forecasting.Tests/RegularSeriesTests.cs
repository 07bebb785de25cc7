namespace Streams.Forecasting.Tests;

public sealed class RegularSeriesTests
{
    [Fact]
    public void FromRows_PlacesRowsOnTheGridWithGapsAsNaN()
    {
        var start = Synthetic.Start;
        var series = RegularSeries.FromRows(start, start.AddHours(3), TimeSpan.FromHours(1), [(start, 1), (start.AddHours(2).AddMinutes(1), 3), (start.AddHours(9), 9)]);

        Assert.Equal(4, series.Count);
        Assert.Equal(1, series.Values[0]);
        Assert.True(double.IsNaN(series.Values[1]));
        Assert.Equal(3, series.Values[2]);
        Assert.True(double.IsNaN(series.Values[3]));
    }
}
