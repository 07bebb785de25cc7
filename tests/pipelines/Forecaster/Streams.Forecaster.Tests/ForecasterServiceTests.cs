using System.Runtime.CompilerServices;
using io.streams.avro;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streams.Forecaster.Cycle;
using Streams.Forecaster.Data;
using Streams.Forecaster.Publishing;

namespace Streams.Forecaster.Tests;

public sealed class ForecasterServiceTests
{
    [Fact]
    public async Task RunCycleAsync_SeriesBound_StopsAfterTheHostThatReachesItAndTheNextCycleResumesThere()
    {
        var source = new FakeSource(["a", "b", "c"]);
        var publisher = new FakePublisher();
        using var service = new ForecasterService(source, publisher, Options.Create(new ForecasterOptions { MaxSeriesPerCycle = 3 }), TimeProvider.System,
            NullLogger<ForecasterService>.Instance);

        var first = await service.RunCycleAsync(CancellationToken.None);
        var second = await service.RunCycleAsync(CancellationToken.None);
        var third = await service.RunCycleAsync(CancellationToken.None);

        Assert.Equal(["", "b", ""], source.Afters);
        Assert.Equal((2, 4, "b"), (first.Hosts, first.Series, first.ResumeAfter));
        Assert.Equal((1, 2, (string?)null), (second.Hosts, second.Series, second.ResumeAfter));
        Assert.Equal("b", third.ResumeAfter);
        Assert.Equal(["a", "a", "b", "b", "c", "c", "a", "a", "b", "b"], publisher.Published.Select(f => f.host));
    }

    [Fact]
    public async Task RunCycleAsync_HistoryEndsAtTheLastCompletedHour()
    {
        var source = new FakeSource(["a"]);
        using var service = new ForecasterService(source, new FakePublisher(), Options.Create(new ForecasterOptions()), TimeProvider.System,
            NullLogger<ForecasterService>.Instance);

        await service.RunCycleAsync(CancellationToken.None);

        var (from, to) = source.Range;
        Assert.Equal(0, to.Minute + to.Second + to.Millisecond);
        Assert.InRange(DateTimeOffset.UtcNow - to, TimeSpan.Zero, TimeSpan.FromHours(1));
        Assert.Equal(TimeSpan.FromDays(28), to - from);
    }

    private sealed class FakeSource(string[] hosts) : ISeriesHistorySource
    {
        public List<string> Afters { get; } = [];

        public (DateTimeOffset From, DateTimeOffset To) Range { get; private set; }

        public async IAsyncEnumerable<IReadOnlyList<SeriesHistory>> ReadHostsAsync(
            IReadOnlyList<string> metrics, DateTimeOffset from, DateTimeOffset to, string afterHost, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Afters.Add(afterHost);
            Range = (from, to);
            foreach (var host in hosts.Where(h => string.CompareOrdinal(h, afterHost) > 0))
            {
                await Task.Yield();
                yield return [Histories.Of(host, "cpu.util", 30, t => t), Histories.Of(host, "mem.used.percent", 30, _ => 50)];
            }
        }
    }

    private sealed class FakePublisher : IForecastPublisher
    {
        public List<Forecast> Published { get; } = [];

        public Task PublishAsync(IReadOnlyList<Forecast> forecasts, CancellationToken cancellationToken)
        {
            Published.AddRange(forecasts);
            return Task.CompletedTask;
        }
    }
}
