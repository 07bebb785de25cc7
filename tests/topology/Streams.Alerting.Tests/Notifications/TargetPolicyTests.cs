using System.Net;
using Streams.Alerting.Notifications;

namespace Streams.Alerting.Tests.Notifications;

public sealed class TargetPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.3.4", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("169.254.169.254", "link-local (cloud metadata)")]
    [InlineData("::ffff:169.254.169.254", "link-local (cloud metadata)")]
    [InlineData("169.254.10.1", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fe80::1%2", "link-local")]
    [InlineData("fd00:ec2::254", "the cloud metadata service")]
    [InlineData("100.100.100.200", "the cloud metadata service")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("::ffff:0.0.0.0", "unspecified")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    public void Refusal_RefusedRange_NamesWhatItIs(string address, string what)
    {
        var refusal = TargetPolicy.Default.Refusal(IPAddress.Parse(address));

        Assert.NotNull(refusal);
        Assert.EndsWith(" is " + what, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.10")]
    [InlineData("100.64.0.1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void Refusal_PrivateRange_AllowedByDefaultRefusedOnRequest(string address)
    {
        var ip = IPAddress.Parse(address);

        Assert.Null(TargetPolicy.Default.Refusal(ip));
        Assert.EndsWith("is private (Notifier:Targets:RefusePrivate)", new TargetPolicy([], refusePrivate: true).Refusal(ip), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:2800:220:1::1")]
    public void Refusal_PublicAddress_Allowed(string address) =>
        Assert.Null(new TargetPolicy([], refusePrivate: true).Refusal(IPAddress.Parse(address)));

    [Fact]
    public void Refusal_AllowListedNetwork_AllowedInEveryFormButOthersStayRefused()
    {
        var policy = new TargetPolicy(["127.0.0.0/8", "169.254.10.7", "fe80::/64"], refusePrivate: false);

        Assert.Null(policy.Refusal(IPAddress.Parse("127.0.0.1")));
        Assert.Null(policy.Refusal(IPAddress.Parse("::ffff:127.0.0.2")));
        Assert.Null(policy.Refusal(IPAddress.Parse("169.254.10.7")));
        Assert.Null(policy.Refusal(IPAddress.Parse("fe80::5")));
        Assert.NotNull(policy.Refusal(IPAddress.Parse("::1")));
        Assert.NotNull(policy.Refusal(IPAddress.Parse("169.254.169.254")));
    }

    [Fact]
    public void AllowsHost_ListedName_IgnoresCaseAndTrailingDot()
    {
        var policy = new TargetPolicy(["hooks.internal"], refusePrivate: false);

        Assert.True(policy.AllowsHost("HOOKS.internal."));
        Assert.False(policy.AllowsHost("evil.hooks.internal"));
    }

    [Theory]
    [InlineData("127.0.0.0/33")]
    [InlineData("not a host")]
    [InlineData("")]
    public void Constructor_BadAllowEntry_Throws(string entry) =>
        Assert.Contains("neither a CIDR", Assert.Throws<ArgumentException>(() => new TargetPolicy([entry], refusePrivate: false)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("http://127.0.0.1:9000/hook", "127.0.0.1 is loopback")]
    [InlineData("http://[::1]/hook", "::1 is loopback")]
    [InlineData("http://[::ffff:169.254.169.254]/latest", "::ffff:169.254.169.254 (169.254.169.254) is link-local (cloud metadata)")]
    [InlineData("http://localhost:8080/", "localhost is loopback")]
    [InlineData("https://api.LOCALHOST./x", "api.localhost is loopback")]
    [InlineData("http://example.com/hook", null)]
    [InlineData("http://10.0.0.5/hook", null)]
    public void RefusalOfLiteral_Url_JudgesOnlyWhatTheUrlProves(string url, string? expected) =>
        Assert.Equal(expected, TargetPolicy.Default.RefusalOfLiteral(new Uri(url)));

    [Fact]
    public void RefusalOfLiteral_LoopbackAllowed_AcceptsLocalhost()
    {
        Assert.Null(new TargetPolicy(["127.0.0.0/8"], refusePrivate: false).RefusalOfLiteral(new Uri("http://localhost:8080/")));
        Assert.Null(new TargetPolicy(["localhost"], refusePrivate: false).RefusalOfLiteral(new Uri("http://localhost:8080/")));
    }
}
