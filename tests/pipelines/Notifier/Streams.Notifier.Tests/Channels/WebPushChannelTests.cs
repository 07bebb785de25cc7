using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using Streams.Notifier.Channels;

namespace Streams.Notifier.Tests.Channels;

public sealed class WebPushChannelTests
{
    [Fact]
    public async Task SendAsync_PushEndpoint_ReceivesAes128gcmBodyAndVapidAuthorization()
    {
        await using var pushService = await HttpReceiver.StartAsync();
        pushService.Respond = _ => HttpStatusCode.Created;
        var (vapidPublic, vapidPrivate) = KeyPair();
        var (browserPublic, _) = KeyPair();
        var auth = Base64Url(RandomNumberGenerator.GetBytes(16));
        var options = TestData.Options(o => o.WebPush = new NotifierWebPushOptions { Subject = "mailto:ops@example.com", PublicKey = vapidPublic, PrivateKey = vapidPrivate });
        var preference = TestData.Preference($$"""{ "type": "web_push", "url": "{{pushService.Url}}push/sub-1", "keys": { "p256dh": "{{browserPublic}}", "auth": "{{auth}}" } }""");
        using var http = TestData.LoopbackHttp();
        using var channel = new WebPushChannel(http, options);

        await channel.SendAsync(TestData.Message(preference, TestData.Alert()), preference.Channels[0], CancellationToken.None);

        var request = Assert.Single(await pushService.WaitForAsync(1));
        Assert.Equal(("POST", "/push/sub-1"), (request.Method, request.Path));
        Assert.Equal("aes128gcm", request.Header("Content-Encoding"));
        Assert.Equal("3600", request.Header("TTL"));
        Assert.Equal("high", request.Header("Urgency"));
        var authorization = request.Header("Authorization")!;
        Assert.StartsWith("vapid t=", authorization, StringComparison.Ordinal);
        Assert.Contains("k=" + vapidPublic, authorization, StringComparison.Ordinal);
        // RFC 8188 header: 16-byte salt, 4-byte record size, key id length 65, the sender's P-256 key, then ciphertext.
        Assert.True(request.Body.Length > 86 + 16);
        Assert.Equal(65, request.Body[20]);
        Assert.Equal(0x04, request.Body[21]);
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(request.Body.AsSpan(16, 4)) >= 18);
        Assert.DoesNotContain("CpuHigh", request.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_PushEndpointOnLoopbackNotAllowed_IsRefusedAndNothingArrives()
    {
        await using var pushService = await HttpReceiver.StartAsync();
        var (vapidPublic, vapidPrivate) = KeyPair();
        var (browserPublic, _) = KeyPair();
        var options = TestData.Options(o => o.WebPush = new NotifierWebPushOptions { Subject = "mailto:ops@example.com", PublicKey = vapidPublic, PrivateKey = vapidPrivate });
        var preference = TestData.Preference($$"""{ "type": "web_push", "url": "{{pushService.Url}}push/sub-1", "keys": { "p256dh": "{{browserPublic}}", "auth": "{{Base64Url(new byte[16])}}" } }""");
        using var http = new NotifierHttp(options);
        using var channel = new WebPushChannel(http, options);

        var refused = await Assert.ThrowsAsync<TargetRefusedException>(() => channel.SendAsync(TestData.Message(preference, TestData.Alert()), preference.Channels[0], CancellationToken.None));

        Assert.Equal("target-refused: 127.0.0.1 is loopback", refused.Message);
        Assert.Empty(pushService.Requests);
    }

    [Fact]
    public async Task SendAsync_WithoutVapidKeys_IsPermanentFailure()
    {
        var (browserPublic, _) = KeyPair();
        var preference = TestData.Preference($$"""{ "type": "web_push", "url": "http://127.0.0.1:9/push", "keys": { "p256dh": "{{browserPublic}}", "auth": "{{Base64Url(new byte[16])}}" } }""");
        using var http = TestData.LoopbackHttp();
        using var channel = new WebPushChannel(http, TestData.Options());

        await Assert.ThrowsAsync<PermanentDeliveryException>(() => channel.SendAsync(TestData.Message(preference, TestData.Alert()), preference.Channels[0], CancellationToken.None));
    }

    private static (string Public, string Private) KeyPair()
    {
        using var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return (Base64Url([0x04, .. parameters.Q.X!, .. parameters.Q.Y!]), Base64Url(parameters.D!));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
