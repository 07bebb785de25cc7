using Spectre.Console.Testing;
using Streams.Collectors.Simulator.Dashboard;
using Streams.Collectors.Simulator.Fleet;
using Streams.Collectors.Simulator.Publishing;
using Streams.Collectors.Simulator.Simulation;

namespace Streams.Collectors.Simulator.Tests;

public sealed class RunDashboardTests
{
    [Fact]
    public async Task ShowAsync_FinishedRun_PrintsTheSummaryWithItsCounts()
    {
        var console = new TestConsole().Width(160);
        var sink = new RecordingSink();
        var generator = new FleetGenerator(new FleetOptions { Servers = 30, Ticks = 10, IncidentFraction = 1 });
        var runner = new SimulationRunner(generator, sink, new Pacer(0, 0), null);

        var final = await RunDashboard.ShowAsync(console, "simulate", runner.Progress, Task.Run(() => runner.RunAsync(TimeSpan.FromSeconds(1), CancellationToken.None)));

        var output = console.Output;
        Assert.Contains("events/s", output, StringComparison.Ordinal);
        Assert.Contains("behind schedule", output, StringComparison.Ordinal);
        Assert.Contains(final.Sent.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
        Assert.Equal(final.Total, final.Done);
        Assert.Equal(sink.Labels.Count, final.Labels);
        Assert.True(final.Labels > 0);
        Assert.Contains("labels (labels)", output, StringComparison.Ordinal);
    }
}
