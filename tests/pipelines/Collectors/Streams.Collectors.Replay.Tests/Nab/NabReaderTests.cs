using Streams.Collectors.Replay.Nab;

namespace Streams.Collectors.Replay.Tests.Nab;

public sealed class NabReaderTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "readers", "nab");

    [Fact]
    public void Load_Fixture_MapsWindowTimestampsToInclusiveRows()
    {
        var windows = NabReader.Windows(Fixture);

        var file = NabReader.Load(Fixture, "realTest/spiky.csv", windows);

        Assert.Equal(["realTest/spiky.csv"], NabReader.Keys(Fixture));
        Assert.Equal(200, file.Values.Length);
        Assert.Equal(new DateTime(2024, 1, 1, 0, 5, 0, DateTimeKind.Utc), file.Timestamps[1]);
        Assert.Equal(52.0, file.Values[150], 3);
        Assert.Equal([(140, 159)], file.Windows);
    }

    [Fact]
    public void Load_KeyWithoutLabels_HasNoWindows()
    {
        var file = NabReader.Load(Fixture, "realTest/spiky.csv", new Dictionary<string, IReadOnlyList<(DateTime Start, DateTime End)>>());

        Assert.Empty(file.Windows);
    }
}
