using io.streams.avro;
using Streams.Collectors.Prometheus.Exposition;

namespace Streams.Collectors.Prometheus.Tests;

public sealed class ExpositionParserTests
{
    [Fact]
    public void Parse_TextFormat_ReadsLabelsEscapesTypesAndTimestamps()
    {
        const string page = """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000
            # TYPE temperature gauge
            temperature{path="C:\\DIR\\",quote="say \"hi\"",nl="a\nb"} -1.5e1
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{quantile="0.5"} 4773
            rpc_duration_seconds_sum 1.7560473e+07
            untyped_total 5
            weird NaN
            """;

        var samples = ExpositionParser.Parse(page, openMetrics: false);

        Assert.Equal(7, samples.Count);
        Assert.Equal([new("method", "post"), new("code", "200")], samples[0].Labels);
        Assert.Equal(1395066363000, samples[0].TimestampMs);
        Assert.Equal(MetricKind.COUNTER, samples[1].Kind);
        Assert.Equal(-15, samples[2].Value);
        Assert.Equal(MetricKind.GAUGE, samples[2].Kind);
        Assert.Equal([new("path", @"C:\DIR\"), new("quote", "say \"hi\""), new("nl", "a\nb")], samples[2].Labels);
        Assert.Null(samples[2].TimestampMs);
        Assert.Equal(MetricKind.COUNTER, samples[4].Kind);
        Assert.Equal(MetricKind.COUNTER, samples[5].Kind);
        Assert.True(double.IsNaN(samples[6].Value));
    }

    [Fact]
    public void Parse_OpenMetrics_ReadsSecondTimestampsSkipsExemplarsAndCreated()
    {
        const string page = """
            # TYPE acme_http_router_request_seconds summary
            # UNIT acme_http_router_request_seconds seconds
            acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32 1520879607.789
            acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
            acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0
            # TYPE foo histogram
            foo_bucket{le="+Inf"} 17 # {trace_id="KOO5S4vxi0o"} 0.67
            # EOF
            """;

        var samples = ExpositionParser.Parse(page, openMetrics: true);

        Assert.Equal(3, samples.Count);
        Assert.Equal(1520879607789, samples[0].TimestampMs);
        Assert.Equal(807283, samples[1].Value);
        Assert.Equal("foo_bucket", samples[2].Name);
        Assert.Equal(17, samples[2].Value);
        Assert.Equal(MetricKind.COUNTER, samples[2].Kind);
    }

    [Theory]
    [InlineData("metric{a=\"b\" 1", false, "line 1")]
    [InlineData("ok 1\nmetric{a=b} 1", false, "line 2")]
    [InlineData("metric abc", false, "not a sample value")]
    [InlineData("1metric 2", false, "metric name")]
    [InlineData("metric 1\n", true, "# EOF")]
    [InlineData("# EOF\nmetric 1", true, "after # EOF")]
    public void Parse_MalformedPage_ThrowsNamingTheLine(string page, bool openMetrics, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ExpositionParser.Parse(page, openMetrics));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
