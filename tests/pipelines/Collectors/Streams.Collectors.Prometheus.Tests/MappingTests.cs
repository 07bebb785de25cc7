using io.streams.avro;
using Streams.Collectors.Prometheus.Mapping;

namespace Streams.Collectors.Prometheus.Tests;

public sealed class MappingTests
{
    [Theory]
    [InlineData("web-1:9100", "web-1")]
    [InlineData("10.0.0.5:9100", "10.0.0.5")]
    [InlineData("[2001:db8::1]:9100", "2001:db8::1")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("https://web-1:8443/metrics", "web-1")]
    [InlineData("web-1", "web-1")]
    public void StripPort_InstanceForms_LeavesTheHost(string instance, string expected) =>
        Assert.Equal(expected, PrometheusSeriesMapper.StripPort(instance));

    [Fact]
    public void Map_DefaultRules_HostFromInstanceNameFromNameLabelOtherLabelsAsTags()
    {
        var mapper = new PrometheusSeriesMapper(new PrometheusMappingOptions { MetricPrefix = "prom.", DropLabels = ["job"] });

        var sample = mapper.Map(null, [new("__name__", "node_load1"), new("instance", "web-1:9100"), new("job", "node"), new("dc", "eu-1"), new("empty", "")], null, 0.5, 1_000, MetricKind.GAUGE, 15_000, out var error);

        Assert.Null(error);
        Assert.NotNull(sample);
        Assert.Equal("web-1", sample.host);
        Assert.Equal("prom.node_load1", sample.metric);
        Assert.Equal(new Dictionary<string, string> { ["dc"] = "eu-1" }, sample.tags);
        Assert.Equal(MetricSource.PROMETHEUS, sample.source);
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(1), sample.timestamp);
        Assert.Equal(15_000, sample.intervalMs);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(253_402_300_800_000)]
    [InlineData(-62_135_596_800_001)]
    public void Map_TimestampOutsideDateTime_NullWithTheReason(long timestampMs)
    {
        // A scraped page or remote-write sample may carry any int64 (tests/fuzz); the caller dead-letters a null.
        var mapper = new PrometheusSeriesMapper(new PrometheusMappingOptions());

        var sample = mapper.Map("up", [new("instance", "web-1:9100")], null, 1, timestampMs, MetricKind.GAUGE, 0, out var error);

        Assert.Null(sample);
        Assert.Contains("outside the years 1 to 9999", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_HostLabelPresent_WinsOverInstanceAndTargetLabelsOverride()
    {
        var mapper = new PrometheusSeriesMapper(new PrometheusMappingOptions());

        var sample = mapper.Map("up", [new("host", "db-7"), new("job", "page")], [new("instance", "exporter:9100"), new("job", "target")], 1, 0, MetricKind.GAUGE, 0, out _);

        Assert.Equal("db-7", sample!.host);
        Assert.Equal("target", sample.tags["job"]);
        Assert.Equal("exporter:9100", sample.tags["instance"]);
    }

    [Fact]
    public void Map_NoHostLabelNoDefault_ReturnsNullWithTheReason()
    {
        var mapper = new PrometheusSeriesMapper(new PrometheusMappingOptions());

        var sample = mapper.Map("up", [new("job", "x")], null, 1, 0, MetricKind.GAUGE, 0, out var error);

        Assert.Null(sample);
        Assert.Contains("DefaultHost", error, StringComparison.Ordinal);
    }
}
