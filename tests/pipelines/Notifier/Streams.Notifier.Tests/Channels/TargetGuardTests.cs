using System.Net;
using Streams.Alerting.Notifications;
using Streams.Notifier.Channels;

namespace Streams.Notifier.Tests.Channels;

public sealed class TargetGuardTests : IAsyncLifetime
{
    private static readonly TargetPolicy LoopbackAllowed = new(["127.0.0.0/8"], refusePrivate: false);
    private HttpReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await HttpReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1 is loopback")]
    [InlineData("[::1]", "::1 is loopback")]
    [InlineData("[::ffff:169.254.169.254]", "::ffff:169.254.169.254 (169.254.169.254) is link-local (cloud metadata)")]
    [InlineData("169.254.169.254", "169.254.169.254 is link-local (cloud metadata)")]
    [InlineData("0.0.0.0", "0.0.0.0 is unspecified")]
    public async Task CheckAsync_RefusedLiteral_ThrowsWithoutResolving(string host, string reason)
    {
        var guard = new TargetGuard(TargetPolicy.Default, (_, _) => throw new InvalidOperationException("a literal is not resolved"));

        var refused = await Assert.ThrowsAsync<TargetRefusedException>(() => guard.CheckAsync(host, CancellationToken.None));

        Assert.Equal("target-refused: " + reason, refused.Message);
    }

    [Fact]
    public async Task CheckAsync_NameWithOneLoopbackAddressAmongPublicOnes_IsRefused()
    {
        var guard = new TargetGuard(TargetPolicy.Default, Resolver("hooks.example", "93.184.216.34", "127.0.0.1"));

        var refused = await Assert.ThrowsAsync<TargetRefusedException>(() => guard.CheckAsync("hooks.example", CancellationToken.None));

        Assert.Equal("target-refused: 127.0.0.1 is loopback (resolved from hooks.example)", refused.Message);
    }

    [Fact]
    public async Task CheckAsync_Localhost_ResolvedBySystemDns_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<TargetRefusedException>(() => new TargetGuard(TargetPolicy.Default).CheckAsync("localhost", CancellationToken.None));

        Assert.Contains("is loopback (resolved from localhost)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_AllowListedNameOrNetwork_ReturnsTheAddresses()
    {
        var byName = new TargetGuard(new TargetPolicy(["metadata.internal"], refusePrivate: false), Resolver("metadata.internal", "169.254.169.254"));
        var byNetwork = new TargetGuard(LoopbackAllowed, Resolver("hooks.internal", "127.0.0.9"));

        Assert.Equal([IPAddress.Parse("169.254.169.254")], await byName.CheckAsync("metadata.internal", CancellationToken.None));
        Assert.Equal([IPAddress.Parse("127.0.0.9")], await byNetwork.CheckAsync("hooks.internal", CancellationToken.None));
    }

    [Fact]
    public async Task Webhook_ToLoopbackWithoutAllowList_IsRefusedAndTheReceiverGetsNothing()
    {
        using var http = new NotifierHttp(TestData.Options());
        var preference = TestData.Preference($$"""{ "type": "webhook", "url": "{{receiver.Url}}hook" }""");

        var refused = await Assert.ThrowsAsync<TargetRefusedException>(() => new WebhookChannel(http, TestData.Options()).SendAsync(TestData.Message(preference, TestData.Alert()), preference.Channels[0], CancellationToken.None));

        Assert.Equal("target-refused: 127.0.0.1 is loopback", refused.Message);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task Webhook_NameTheGuardResolved_ConnectsToTheAddressItChecked()
    {
        // No DNS server knows hooks.test: reaching the receiver proves the socket went where the guard's resolution said.
        using var http = new NotifierHttp(new TargetGuard(LoopbackAllowed, Resolver("hooks.test", "127.0.0.1")));
        var preference = TestData.Preference($$"""{ "type": "webhook", "url": "http://hooks.test:{{receiver.Url.Port}}/hook" }""");

        await new WebhookChannel(http, TestData.Options()).SendAsync(TestData.Message(preference, TestData.Alert()), preference.Channels[0], CancellationToken.None);

        Assert.Equal("/hook", Assert.Single(await receiver.WaitForAsync(1)).Path);
    }

    [Fact]
    public async Task Webhook_RedirectedToMetadata_IsNotFollowed()
    {
        await using var second = await HttpReceiver.StartAsync();
        receiver.Respond = _ => HttpStatusCode.TemporaryRedirect;
        receiver.Location = new Uri("http://169.254.169.254/latest/meta-data/iam/");
        using var http = new NotifierHttp(new TargetGuard(LoopbackAllowed));
        var preference = TestData.Preference($$"""{ "type": "slack", "url": "{{receiver.Url}}hook" }""");

        var failed = await Assert.ThrowsAsync<PermanentDeliveryException>(() => new SlackChannel(http).SendAsync(TestData.Message(preference, TestData.Alert()), preference.Channels[0], CancellationToken.None));

        Assert.Contains("307", failed.Message, StringComparison.Ordinal);
        Assert.Contains("169.254.169.254", failed.Message, StringComparison.Ordinal);
        Assert.Contains("redirects are not followed", failed.Message, StringComparison.Ordinal);
        Assert.Single(receiver.Requests);

        // Even a redirect to an allowed target is not followed: the audit names the URL to fix.
        receiver.Location = new Uri(second.Url, "hook");
        await Assert.ThrowsAsync<PermanentDeliveryException>(() => new SlackChannel(http).SendAsync(TestData.Message(preference, TestData.Alert()), preference.Channels[0], CancellationToken.None));
        Assert.Empty(second.Requests);
    }

    [Fact]
    public async Task Client_NonHttpScheme_IsRefused()
    {
        using var http = new NotifierHttp(new TargetGuard(LoopbackAllowed));

        var refused = await Assert.ThrowsAsync<TargetRefusedException>(() => http.Client.GetAsync(new Uri("ftp://127.0.0.1/x")));

        Assert.Contains("not an absolute http or https URL", refused.Message, StringComparison.Ordinal);
    }

    private static Func<string, CancellationToken, Task<IPAddress[]>> Resolver(string name, params string[] addresses) =>
        (host, _) => host == name ? Task.FromResult(addresses.Select(IPAddress.Parse).ToArray()) : throw new InvalidOperationException($"unexpected lookup of {host}");
}
