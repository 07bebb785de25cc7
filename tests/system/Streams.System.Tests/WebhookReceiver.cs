using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Streams.System.Tests;

/// <summary>
/// A webhook endpoint on loopback that keeps every body the notifier posts, answering 200, or
/// 503 while it is <see cref="Down"/> (those are counted, not kept). It takes a delivery once per
/// <c>Idempotency-Key</c>, as a receiver should: a notifier killed between a send and its audit
/// record sends again with the same key (<see cref="Redelivered"/>).
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly List<WebhookDelivery> deliveries = [];
    private readonly Task serving;
    private int refused;

    public WebhookReceiver()
    {
        Url = new Uri($"http://127.0.0.1:{SplitPlatform.FreePort()}/hook/");
        listener.Prefixes.Add(Url.AbsoluteUri);
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    /// <summary>While true, every delivery is refused with 503, as a receiver being redeployed would.</summary>
    public bool Down { get; set; }

    /// <summary>Deliveries refused while <see cref="Down"/>.</summary>
    public int Refused => refused;

    /// <summary>Every alert of every delivery taken, in the order the deliveries arrived.</summary>
    public IReadOnlyList<NotifiedAlert> Alerts =>
        [.. Split().Taken.SelectMany(d => d.Body.GetProperty("alerts").EnumerateArray().Select(a => new NotifiedAlert(
            d.At,
            a.GetProperty("labels").GetProperty("host").GetString() ?? "",
            a.GetProperty("fingerprint").GetString() ?? "",
            DateTimeOffset.Parse(a.GetProperty("startsAt").GetString() ?? "", CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(),
            a.GetProperty("state").GetString() ?? "")))];

    /// <summary>Deliveries whose key an earlier delivery had.</summary>
    public IReadOnlyList<WebhookDelivery> Redelivered => Split().Again;

    /// <summary>Every body posted, redeliveries included.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries
    {
        get
        {
            lock (deliveries)
            {
                return [.. deliveries];
            }
        }
    }

    /// <summary>The first delivery of each key (and each without one), and the later ones.</summary>
    private (List<WebhookDelivery> Taken, List<WebhookDelivery> Again) Split()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var taken = new List<WebhookDelivery>();
        var again = new List<WebhookDelivery>();
        foreach (var delivery in Deliveries)
        {
            (delivery.Key is null || seen.Add(delivery.Key) ? taken : again).Add(delivery);
        }

        return (taken, again);
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return; // stopped
            }

            if (Down)
            {
                Interlocked.Increment(ref refused);
                context.Response.StatusCode = 503;
                context.Response.Close();
                continue;
            }

            using (var body = context.Request.InputStream)
            {
                var delivery = new WebhookDelivery(DateTime.UtcNow, context.Request.Headers["Idempotency-Key"], (await JsonDocument.ParseAsync(body)).RootElement.Clone());
                lock (deliveries)
                {
                    deliveries.Add(delivery);
                }
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}
