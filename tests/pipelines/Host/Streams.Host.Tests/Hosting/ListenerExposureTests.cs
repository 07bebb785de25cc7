using Microsoft.Extensions.Configuration;
using Streams.Host.Hosting;

namespace Streams.Host.Tests.Hosting;

public sealed class ListenerExposureTests
{
    private static readonly string[] Everything = [.. RoleCatalogue.All.Select(r => r.Name)];

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.0.0.5")]
    [InlineData("::")]
    [InlineData("*")]
    public void Enforce_ApiBeyondLoopbackWithKeysOff_RefusesNamingWhatToSet(string host)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ListenerExposure.Enforce(Settings(("Api:Host", host), ("Api:Auth:Enabled", "false")), Everything));

        Assert.StartsWith("Refusing to start: the api port", error.Message, StringComparison.Ordinal);
        Assert.Contains("Api:Auth:Enabled", error.Message, StringComparison.Ordinal);
        Assert.Contains("Security:AllowUnauthenticatedRemote=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enforce_KeysOffButLoopbackOrKeysOnOrExplicitlyAllowed_Starts()
    {
        ListenerExposure.Enforce(Settings(("Api:Host", "127.0.0.1"), ("Api:Auth:Enabled", "false")), Everything);
        ListenerExposure.Enforce(Settings(("Api:Host", "localhost"), ("Api:Auth:Enabled", "false")), Everything);
        ListenerExposure.Enforce(Settings(("Api:Host", "0.0.0.0")), Everything);
        ListenerExposure.Enforce(Settings(("Api:Host", "0.0.0.0"), ("Api:Auth:Enabled", "false"), ("Security:AllowUnauthenticatedRemote", "true")), Everything);
    }

    [Theory]
    [InlineData("ClickHouse", "ClickHouse:Url", "http://clickhouse:8123")]
    [InlineData("Kafka", "Kafka:BootstrapServers", "kafka:9092")]
    [InlineData("SchemaRegistry", "SchemaRegistry:Url", "http://registry:8081")]
    public void Enforce_EmbeddedPlatformPartBeyondLoopback_RefusesUnlessExternalOrAllowed(string part, string external, string url)
    {
        var open = Settings(($"{part}:Embedded:Host", "0.0.0.0"));

        var error = Assert.Throws<InvalidOperationException>(() => ListenerExposure.Enforce(open, Everything));
        Assert.Contains($"{part}:Embedded:Host", error.Message, StringComparison.Ordinal);
        ListenerExposure.Enforce(open, [RoleCatalogue.ApiRole]);
        ListenerExposure.Enforce(Settings(($"{part}:Embedded:Host", "0.0.0.0"), (external, url)), Everything);
        ListenerExposure.Enforce(Settings(($"{part}:Embedded:Host", "0.0.0.0"), ("Security:AllowUnauthenticatedRemote", "true")), Everything);
        Assert.Contains(ListenerExposure.Describe(Settings(), Everything), l => l.Name.StartsWith("embedded", StringComparison.Ordinal) && l.Protection.StartsWith("loopback only", StringComparison.Ordinal));
    }

    [Fact]
    public void Enforce_TrapperBeyondLoopbackWithoutAllowedSenders_RefusesUnlessTheRoleDoesNotRun()
    {
        var open = Settings(("Zabbix:BindAddress", "0.0.0.0"));

        var error = Assert.Throws<InvalidOperationException>(() => ListenerExposure.Enforce(open, Everything));
        ListenerExposure.Enforce(open, [RoleCatalogue.PlatformRole]);
        ListenerExposure.Enforce(Settings(("Zabbix:BindAddress", "0.0.0.0"), ("Zabbix:AllowedSenders:0", "10.0.0.0/8")), Everything);

        Assert.Contains("zabbix trapper on 0.0.0.0:10051", error.Message, StringComparison.Ordinal);
        Assert.Contains("Zabbix:AllowedSenders", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_Defaults_EveryListenerLoopbackOnlyAndNoneOpen()
    {
        var listeners = ListenerExposure.Describe(Settings(("Logs:SyslogUdpPort", "5514")), Everything);

        Assert.All(listeners, l => Assert.StartsWith("loopback only", l.Protection, StringComparison.Ordinal));
        Assert.DoesNotContain(listeners, l => l.Open);
        Assert.Equal(["api port", "embedded kafka", "embedded schema registry", "embedded clickhouse", "nrdp", "zabbix webhook", "zabbix trapper", "prometheus remote-write", "syslog udp"], listeners.Select(l => l.Name));
    }

    [Fact]
    public void Describe_SyslogOnEveryInterface_StartsAndSaysItHasNoAuthentication()
    {
        var settings = Settings(("Logs:SyslogBindAddress", "0.0.0.0"), ("Logs:SyslogTcpPort", "6514"));

        ListenerExposure.Enforce(settings, Everything);
        var syslog = Assert.Single(ListenerExposure.Describe(settings, Everything), l => l.Name == "syslog tcp");

        Assert.Equal("0.0.0.0:6514", syslog.Address);
        Assert.StartsWith("none: syslog has no authentication", syslog.Protection, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
}
