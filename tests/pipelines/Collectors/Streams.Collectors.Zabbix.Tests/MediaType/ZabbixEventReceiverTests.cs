using System.Text;
using io.streams.avro;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Prometheus.Tests.Support;
using Streams.Collectors.Zabbix.MediaType;

namespace Streams.Collectors.Zabbix.Tests.MediaType;

public sealed class ZabbixEventReceiverTests
{
    private static readonly DateTime Received = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Receive_ProblemThenRecovery_SeriesFollowsTheSeverityAndEventsAreLogged()
    {
        var sink = new ListInboundSink();
        var receiver = new ZabbixEventReceiver(sink);

        Assert.Null(receiver.Receive(Event("1", "4"), Received));
        Assert.Null(receiver.Receive(Event("0", "4"), Received));

        var samples = sink.Samples.ToList();
        Assert.Equal([4.0, 0.0], samples.Select(s => s.value));
        Assert.All(samples, s => Assert.Equal(("web-1", ZabbixEventReceiver.Metric, "High CPU on web-1", MetricSource.ZABBIX), (s.host, s.metric, s.tags["trigger"], s.source)));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_796_000_000).UtcDateTime, samples[0].timestamp);
        var events = sink.Events.ToList();
        Assert.Equal((LogSeverity.ERROR, "PROBLEM: High CPU on web-1 (system.cpu.util = 97.5)"), (events[0].severity, events[0].message));
        Assert.StartsWith("RESOLVED", events[1].message, StringComparison.Ordinal);
        Assert.Empty(sink.DeadLetters);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("""{"event_value":"1","severity":"3","host":"web-1"}""", "host and trigger are required")]
    [InlineData("""{"event_value":"2","severity":"3","host":"web-1","trigger":"t"}""", "event_value '2'")]
    [InlineData("""{"event_value":"1","severity":"9","host":"web-1","trigger":"t"}""", "severity '9'")]
    public void Receive_NotTheShape_RefusedWithTheReasonAndDeadLettered(string body, string reason)
    {
        var sink = new ListInboundSink();

        var refused = new ZabbixEventReceiver(sink).Receive(Encoding.UTF8.GetBytes(body), Received);

        Assert.NotNull(refused);
        Assert.Contains(reason, refused, StringComparison.Ordinal);
        var letter = Assert.Single(sink.DeadLetters);
        Assert.Equal((ZabbixEventReceiver.Source, InboundRejectReason.MalformedInput), (letter.Source, letter.Reason));
        Assert.Equal(body, Encoding.UTF8.GetString(letter.Original));
        Assert.Empty(sink.Samples);
    }

    private static byte[] Event(string value, string severity) => Encoding.UTF8.GetBytes(
        $$"""{"event_id":"1042","event_value":"{{value}}","severity":"{{severity}}","host":"web-1","trigger":"High CPU on web-1","status":"{{(value == "1" ? "PROBLEM" : "RESOLVED")}}","item_key":"system.cpu.util","item_value":"97.5","clock":"1796000000","tags":"[]"}""");
}
