using io.streams.avro;
using Streams.Collectors.Nagios.Checks;
using Streams.Collectors.Nagios.Perfdata;

namespace Streams.Collectors.Nagios.Tests;

public sealed class PerfdataTests
{
    [Fact]
    public void Parse_GuidelineForms_ReadsLabelsValuesUnitsThresholdsAndSkipsUndetermined()
    {
        var errors = new List<string>();

        var values = PerfdataParser.Parse("time=0.06s;1;5;0 'disk /var'=1024MB;@10:20;~:30;0;4096 'it''s'=5% size=U;1;2 count=17c", errors);

        Assert.Empty(errors);
        Assert.Equal(
            [
                new PerfValue("time", 0.06, "s", "1", "5", 0, null),
                new PerfValue("disk /var", 1024, "MB", "@10:20", "~:30", 0, 4096),
                new PerfValue("it's", 5, "%", "", "", null, null),
                new PerfValue("count", 17, "c", "", "", null, null),
            ],
            values);
    }

    [Fact]
    public void Parse_BrokenItems_ReportsThemAndKeepsTheRest()
    {
        var errors = new List<string>();

        var values = PerfdataParser.Parse("good=1 novalue 'unclosed=3 bad=abc", errors);

        // An unclosed quote swallows the rest of the line: one error for it, one for "novalue".
        Assert.Equal("good", Assert.Single(values).Label);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void PluginOutput_MultiLine_SplitsTextLongTextAndPerfdataOfEveryLine()
    {
        var output = PluginOutput.Parse("DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968\n/ 15272 MB (77%);\n/boot 68 MB (69%); | /boot=68MB;88;93;0;98\n/home=69357MB;253404;253409;0;253414");

        Assert.Equal("DISK OK - free space: / 3326 MB (56%);", output.Text);
        Assert.Equal("/ 15272 MB (77%);\n/boot 68 MB (69%);", output.LongText);
        Assert.Equal("/=2643MB;5948;5958;0;5968 /boot=68MB;88;93;0;98 /home=69357MB;253404;253409;0;253414", output.Perfdata);
    }

    [Fact]
    public void Map_ServiceResult_StateSeriesAndPerfSeriesInCanonicalUnits()
    {
        var mapper = new CheckResultMapper(new NagiosOptions());
        var errors = new List<string>();
        var result = new CheckResult("web-1", "Disk Usage", 1, "DISK WARNING | /var=2048MB;1500;1800;0;4096 time=250ms", DateTime.UnixEpoch);

        var samples = mapper.Map(result, errors);

        Assert.Equal(["nagios.check.state", "nagios.disk_usage.var", "nagios.disk_usage.time"], samples.Select(s => s.metric));
        Assert.Equal(1, samples[0].value);
        Assert.Equal("Disk Usage", samples[0].tags["service"]);
        Assert.Equal(2048d * 1024 * 1024, samples[1].value);
        Assert.Equal(2048, samples[1].rawValue);
        Assert.Equal("bytes", samples[1].unit);
        Assert.Equal("1500", samples[1].tags["warn"]);
        Assert.Equal(0.25, samples[2].value, 9);
        Assert.Equal("seconds", samples[2].unit);
        Assert.All(samples, s => Assert.Equal(MetricSource.NAGIOS, s.source));
    }

    [Fact]
    public void Observe_StateSequence_EventsOnlyOnChangesAndOnAFailingFirstResult()
    {
        var tracker = new CheckStateTracker();
        CheckResult Result(string service, int state) => new("web-1", service, state, $"state {state}", DateTime.UnixEpoch);

        var firstOk = tracker.Observe(Result("load", 0));
        var sameOk = tracker.Observe(Result("load", 0));
        var critical = tracker.Observe(Result("load", 2));
        var firstWarning = tracker.Observe(Result("disk", 1));

        Assert.Null(firstOk);
        Assert.Null(sameOk);
        Assert.NotNull(critical);
        Assert.Equal(LogSeverity.CRITICAL, critical.severity);
        Assert.Equal("SERVICE load OK -> CRITICAL: state 2", critical.message);
        Assert.Equal("OK", critical.structuredData["previous_state"]);
        Assert.Equal(LogSeverity.WARNING, firstWarning!.severity);
    }
}
