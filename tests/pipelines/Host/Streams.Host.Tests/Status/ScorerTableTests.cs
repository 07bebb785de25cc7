using Spectre.Console.Testing;
using Streams.Host.Status;
using Streams.Scorer;

namespace Streams.Host.Tests.Status;

public sealed class ScorerTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ScorerTable_Coverage_OneRowPerWayOfCoveringInTheirOrderWithModelAgesAndNextRetrains()
    {
        var scorer = new ScorerHosts([], ["web-01", "web-02", "web-03", "db-01"], 1, 100, 0)
        {
            Coverage =
            [
                new ScorerCoverage("db-01", "announced", "20261201T000000000Z", Now.AddDays(-6), null),
                new ScorerCoverage("web-01", "own-model", "20261207T090000000Z", Now.AddHours(-3), Now.AddMinutes(30)),
                new ScorerCoverage("web-02", "own-model", "20261207T110000000Z", Now.AddHours(-1), Now.AddHours(2)),
                new ScorerCoverage("web-03", "fleet-prior", null, null, Now.AddMinutes(8)),
            ],
        };
        var console = new TestConsole().Width(200);

        console.Write(StatusCommand.ScorerTable(scorer, Now));

        var lines = console.Output.Split('\n');
        var fleet = Array.FindIndex(lines, l => l.Contains("fleet-prior", StringComparison.Ordinal));
        var own = Array.FindIndex(lines, l => l.Contains("own-model", StringComparison.Ordinal));
        var announced = Array.FindIndex(lines, l => l.Contains("announced", StringComparison.Ordinal));
        Assert.True(fleet >= 0 && fleet < own && own < announced, console.Output);
        Assert.Contains("web-01, web-02", lines[own], StringComparison.Ordinal);
        Assert.Contains("1h–3h", lines[own], StringComparison.Ordinal);
        Assert.Contains("30m–2h", lines[own], StringComparison.Ordinal);
        Assert.Contains("8m", lines[fleet], StringComparison.Ordinal);
        Assert.Contains("6d", lines[announced], StringComparison.Ordinal);
    }
}
