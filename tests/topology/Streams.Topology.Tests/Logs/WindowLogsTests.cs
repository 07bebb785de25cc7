using io.streams.avro;
using Streams.Topology.Logs.Window;
using Streams.Topology.State;
using static Streams.Topology.Tests.Logs.LogsHarness;

namespace Streams.Topology.Tests.Logs;

public sealed class WindowLogsTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly LogsHarness harness = new(windowing: new LogWindowOptions
    {
        Size = TimeSpan.FromMinutes(1),
        Grace = TimeSpan.FromSeconds(10),
        Stores = StateStoreKind.InMemory,
    });

    public void Dispose() => harness.Dispose();

    private static TimeSpan S(int seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>Mines the lines, then windows what mining wrote: the two stages end to end.</summary>
    private List<LogWindow> MineAndWindow(params LogRecord[] lines) => harness.Window([.. harness.Mine(lines)]);

    [Fact]
    public void Window_BeforeGraceEnds_EmitsNothingThenOnceWithCountsBySeverityAndTemplate()
    {
        var unparsed = Line("<13>garbled header Nov 25 09:00:40 web-01", S(40), LogSeverity.UNKNOWN);
        unparsed.parseError = true;
        Assert.Empty(MineAndWindow(
            Line("Accepted publickey for deploy from 10.0.0.5 port 50122 ssh2", S(1)),
            Line("Failed password for root from 203.0.113.9 port 52144 ssh2", S(2), LogSeverity.WARNING),
            Line("Accepted publickey for backup from 10.0.0.6 port 50124 ssh2", S(10)),
            Line("Failed password for root from 198.51.100.4 port 33012 ssh2", S(20), LogSeverity.WARNING),
            Line("Accepted publickey for monitor from 10.0.0.7 port 50126 ssh2", S(30)),
            unparsed,
            Line("Failed password for root from 198.51.100.5 port 33013 ssh2", S(50), LogSeverity.ERROR),
            Line("Accepted publickey for deploy from 10.0.0.5 port 50130 ssh2", S(69))));

        var window = Assert.Single(MineAndWindow(Line("Accepted publickey for deploy from 10.0.0.5 port 50132 ssh2", S(70))));

        Assert.Equal(("web-01", "sshd"), (window.host, window.app));
        Assert.Equal((T0, T0 + Minute, 60_000L), (window.window.start, window.window.end, window.windowSizeMs));
        Assert.Equal(
            new Dictionary<string, int> { ["INFO"] = 3, ["WARNING"] = 2, ["ERROR"] = 1, ["UNKNOWN"] = 1 },
            window.severityCounts);
        Assert.Equal((7, 1, 0, 0), (window.total, window.parseErrors, window.lateRecords, window.droppedLateRecords));
        Assert.Equal(
            [("Accepted publickey for <*> from <*> port <*> ssh2", 3, true), ("Failed password for root from <*> port <*> ssh2", 3, true)],
            window.templates.Take(2).Select(t => (t.template, t.count, t.isNew)).Order());
        Assert.Equal(3, window.templates.Count);
        Assert.Equal(harness.Clock.Now.UtcDateTime, window.emittedAt);
    }

    [Fact]
    public void Window_TemplateSeenBefore_IsNotNewInLaterWindows()
    {
        MineAndWindow(Line("session opened for user root by (uid=0)", S(5)), Line("session opened for user root by (uid=0)", S(65)));

        var windows = MineAndWindow(Line("session opened for user root by (uid=0)", S(135)));

        Assert.Equal([T0, T0 + Minute], windows.Select(w => w.window.start));
        Assert.Equal([true, false], windows.Select(w => Assert.Single(w.templates).isNew));
        Assert.Equal(windows[0].templates[0].templateId, windows[1].templates[0].templateId);
    }

    [Fact]
    public void Window_LateWithinGraceIsCounted_BeyondGraceIsInNoWindowAndReportedAsDroppedLate()
    {
        harness.Window(Line("a", S(10)), Line("b", S(65)), Line("within grace", S(50)));
        var first = Assert.Single(harness.Window(Line("c", S(71))));

        Assert.Empty(harness.Window(Line("beyond grace", S(55))));
        var second = Assert.Single(harness.Window(Line("d", S(131))));

        Assert.Equal((2, 1, 0), (first.total, first.lateRecords, first.droppedLateRecords));
        Assert.Equal((2, 0, 1), (second.total, second.lateRecords, second.droppedLateRecords));
        Assert.Equal(T0 + Minute, second.window.start);
    }

    [Fact]
    public void Window_AppsOfOneHost_GetTheirOwnWindowsClosedByTheHostsClock()
    {
        harness.Window(Line("a", S(5)), Line("job started", S(20), app: "cron"));

        var windows = harness.Window(Line("b", S(75)));

        Assert.Equal(["cron", "sshd"], windows.Select(w => w.app));
        Assert.All(windows, w => Assert.Equal((T0, 1), (w.window.start, w.total)));
    }

    [Fact]
    public void Window_OneHostsClockAhead_DoesNotCloseAnotherHostsWindow()
    {
        harness.Window(Line("a", S(5), host: "a"), Line("b", S(5), host: "b"));
        Assert.Equal(["a"], harness.Window(Line("a", TimeSpan.FromMinutes(10), host: "a")).Select(w => w.host));

        var windows = harness.Window(Line("b late but not for b", S(30), host: "b"), Line("b", S(75), host: "b"));

        var b = Assert.Single(windows);
        Assert.Equal(("b", 2, 0), (b.host, b.total, b.droppedLateRecords));
    }

    [Fact]
    public void Window_HostFallsSilent_ItsOpenWindowsAreEmittedAfterTheTimeout()
    {
        harness.Window(Line("a", S(5)), Line("b", S(62)));
        harness.Clock.Now += S(10);
        harness.Driver.AdvanceWallClockTime(S(10));
        Assert.Empty(harness.Windows.ReadValueList());

        harness.Clock.Now += S(30);
        harness.Driver.AdvanceWallClockTime(S(30));

        var windows = harness.Windows.ReadValueList().ToList();
        Assert.Equal([T0, T0 + Minute], windows.Select(w => w.window.start));
        Assert.All(windows, w => Assert.Equal(harness.Clock.Now.UtcDateTime, w.emittedAt));

        // A straggler for an emitted window must not reopen it; it is reported on the next one.
        Assert.Empty(harness.Window(Line("straggler", S(30)), Line("c", S(125))));
        var next = Assert.Single(harness.Window(Line("d", S(200))));
        Assert.Equal((1, 1), (next.total, next.droppedLateRecords));
    }
}
