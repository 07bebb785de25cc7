using Confluent.Kafka;
using Streams.Topology.Metrics.Normalize;

namespace Streams.Topology.Tests.Metrics;

public sealed class HostSeriesStateSerDesTests
{
    private static readonly SeriesState State = new(1_764_061_200_000, 0.4, 40, 10_000, true, new RobustStats(12, 0.3, 0.01, 1));

    [Fact]
    public void RoundTrip_EarlierReadingsAndPredecessor_Kept()
    {
        var serdes = new HostSeriesStateSerDes();
        var host = new HostSeriesState();
        var state = State with { Earlier = [10_000, 20_000, 25_000], PreviousTimestamp = State.LastTimestamp - 30_000, PreviousValue = 0.2, PreviousIntervalMs = 10_000 };
        host.Series["cpu.user"] = state;

        var back = serdes.Deserialize(serdes.Serialize(host, default), default).Series["cpu.user"];

        Assert.Equal([10_000u, 20_000u, 25_000u], back.Earlier);
        Assert.Equal(state with { Earlier = back.Earlier }, back);
    }

    [Fact]
    public void Deserialize_Version1Entry_ReadWithNoEarlierReadings()
    {
        // An upgrade restores the store from a changelog the previous layout wrote.
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write((byte)1);
            writer.Write(1);
            writer.Write("cpu.user");
            writer.Write(State.LastTimestamp);
            writer.Write(State.LastValue);
            writer.Write(State.LastRaw);
            writer.Write(State.IntervalMs);
            writer.Write(State.HundredScale);
            writer.Write(State.Stats.Count);
            writer.Write(State.Stats.Mean);
            writer.Write(State.Stats.Variance);
            writer.Write(State.Stats.Winsorised);
        }

        var back = new HostSeriesStateSerDes().Deserialize(buffer.ToArray(), new SerializationContext()).Series["cpu.user"];

        Assert.Equal(State, back);
        Assert.Empty(back.Earlier);
        Assert.Equal((0L, double.NaN), (back.PreviousTimestamp, back.PreviousValue));
    }

    [Fact]
    public void EarlierWith_MoreThanRemembered_KeepsTheNearest()
    {
        var state = State;
        for (var step = 1; step <= SeriesState.Remembered + 4; step++)
        {
            var next = state.LastTimestamp + 10_000;
            state = state with { LastTimestamp = next, Earlier = state.EarlierWith(next) };
        }

        Assert.Equal(SeriesState.Remembered, state.Earlier.Length);
        Assert.True(state.Passed(state.LastTimestamp - (SeriesState.Remembered * 10_000)));
        Assert.False(state.Passed(state.LastTimestamp - ((SeriesState.Remembered + 1) * 10_000)));
    }
}
