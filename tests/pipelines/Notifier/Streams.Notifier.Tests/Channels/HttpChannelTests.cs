using System.Net;
using System.Text;
using Streams.Notifier.Channels;

namespace Streams.Notifier.Tests.Channels;

public sealed class HttpChannelTests : IAsyncLifetime, IDisposable
{
    private readonly NotifierHttp http = TestData.LoopbackHttp();
    private HttpReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await HttpReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task Slack_IncomingWebhook_ReceivesBlockKitMessage()
    {
        var preference = TestData.Preference($$"""{ "type": "slack", "url": "{{receiver.Url}}services/T0/B0/x" }""");

        await new SlackChannel(http).SendAsync(TestData.Message(preference, TestData.Alert(), TestData.Alert("fp-2", host: "web-2")), preference.Channels[0], CancellationToken.None);

        var request = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("/services/T0/B0/x", request.Path);
        var json = request.Json;
        Assert.Equal("[FIRING:2] CpuHigh (MAJOR)", json.GetProperty("text").GetString());
        var blocks = json.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["header", "section", "section", "context"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("mrkdwn", blocks[1].GetProperty("text").GetProperty("type").GetString());
        Assert.Contains("CPU above 90% on web-2", blocks[2].GetProperty("text").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_WithSecret_ReceiverVerifiesHmacSignature()
    {
        const string secret = "s3cret";
        var options = TestData.Options(o => o.Webhook = new NotifierWebhookOptions { HmacSecret = secret, SignatureHeader = "X-Streams-Signature" });
        var preference = TestData.Preference($$"""{ "type": "webhook", "url": "{{receiver.Url}}hook" }""");

        await new WebhookChannel(http, options).SendAsync(TestData.Message(preference, TestData.Alert()), preference.Channels[0], CancellationToken.None);

        var request = Assert.Single(await receiver.WaitForAsync(1));
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = "sha256=" + Convert.ToHexStringLower(hmac.ComputeHash(request.Body));
        Assert.Equal(expected, request.Header("X-Streams-Signature"));
        Assert.NotEqual(WebhookChannel.Signature("other", request.Body), request.Header("X-Streams-Signature"));
        Assert.Equal("FIRING", request.Json.GetProperty("status").GetString());
        Assert.Equal("fp-1", request.Json.GetProperty("alerts")[0].GetProperty("fingerprint").GetString());
        Assert.Equal("\"d41d8cd98f00b204e9800998ecf8427e\"", request.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task AlertmanagerWebhook_Resolved_ReceiverGetsAlertmanagerV4Payload()
    {
        var preference = TestData.Preference($$"""{ "type": "alertmanager_webhook", "url": "{{receiver.Url}}am-receiver" }""");
        var resolved = TestData.Alert(state: io.streams.avro.AlertState.RESOLVED);

        await new AlertmanagerWebhookChannel(http, TestData.Options()).SendAsync(TestData.Message(preference, resolved), preference.Channels[0], CancellationToken.None);

        var request = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("\"d41d8cd98f00b204e9800998ecf8427e\"", request.Header("Idempotency-Key"));
        var json = request.Json;
        Assert.Equal("4", json.GetProperty("version").GetString());
        Assert.Equal("resolved", json.GetProperty("status").GetString());
        Assert.Equal("Web on-call", json.GetProperty("receiver").GetString());
        Assert.Equal("web", json.GetProperty("commonLabels").GetProperty("group").GetString());
        Assert.Equal(0, json.GetProperty("truncatedAlerts").GetInt32());
        var alert = json.GetProperty("alerts")[0];
        Assert.Equal("resolved", alert.GetProperty("status").GetString());
        Assert.Equal("CpuHigh", alert.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.Equal("major", alert.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal("2026-11-25T10:00:00.000Z", alert.GetProperty("startsAt").GetString());
        Assert.Equal("2026-11-25T10:05:00.000Z", alert.GetProperty("endsAt").GetString());
        Assert.Equal("http://dash.test/alerts/fp-1", alert.GetProperty("generatorURL").GetString());
    }

    [Fact]
    public async Task Alertmanager_ApiV2_PostsAlertsArray()
    {
        var preference = TestData.Preference($$"""{ "type": "alertmanager", "url": "{{receiver.Url}}" }""");

        await new AlertmanagerChannel(http).SendAsync(TestData.Message(preference, TestData.Alert()), preference.Channels[0], CancellationToken.None);

        var request = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal(("POST", "/api/v2/alerts"), (request.Method, request.Path));
        var alert = Assert.Single(request.Json.EnumerateArray());
        Assert.Equal("web-1", alert.GetProperty("labels").GetProperty("host").GetString());
        Assert.False(alert.TryGetProperty("endsAt", out _));
    }

    [Fact]
    public async Task Sms_TwilioStyleApi_PostsFormWithBasicAuth()
    {
        var options = TestData.Options(o => o.Twilio = new NotifierTwilioOptions { BaseUrl = receiver.Url, AccountSid = "AC123", AuthToken = "tok", FromNumber = "+15550001111" });
        var preference = TestData.Preference("""{ "type": "sms", "address": "+33612345678" }""");
        receiver.Respond = _ => HttpStatusCode.Created;

        await new SmsChannel(http, options).SendAsync(TestData.Message(preference, TestData.Alert()), preference.Channels[0], CancellationToken.None);

        var request = Assert.Single(await receiver.WaitForAsync(1));
        Assert.Equal("/2010-04-01/Accounts/AC123/Messages.json", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC123:tok")), request.Header("Authorization"));
        var form = System.Web.HttpUtility.ParseQueryString(request.Text);
        Assert.Equal("+33612345678", form["To"]);
        Assert.Equal("+15550001111", form["From"]);
        Assert.StartsWith("[FIRING:1] CpuHigh web-1", form["Body"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, typeof(PermanentDeliveryException))]
    [InlineData(HttpStatusCode.ServiceUnavailable, typeof(HttpRequestException))]
    [InlineData(HttpStatusCode.TooManyRequests, typeof(HttpRequestException))]
    public async Task Slack_ErrorStatus_PermanentOrRetryable(HttpStatusCode status, Type expected)
    {
        receiver.Respond = _ => status;
        var preference = TestData.Preference($$"""{ "type": "slack", "url": "{{receiver.Url}}x" }""");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => new SlackChannel(http).SendAsync(TestData.Message(preference, TestData.Alert()), preference.Channels[0], CancellationToken.None));

        Assert.IsType(expected, error);
    }
}
