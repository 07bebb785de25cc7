using System.Net;
using System.Text.Json;

namespace Streams.System.Tests;

/// <summary>A webhook endpoint on loopback that keeps every body the notifier posts, answering 200.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly List<JsonElement> deliveries = [];
    private readonly Task serving;

    public WebhookReceiver()
    {
        Url = new Uri($"http://127.0.0.1:{SplitPlatform.FreePort()}/hook/");
        listener.Prefixes.Add(Url.AbsoluteUri);
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<JsonElement> Deliveries
    {
        get
        {
            lock (deliveries)
            {
                return [.. deliveries];
            }
        }
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

            using (var body = context.Request.InputStream)
            {
                var delivery = (await JsonDocument.ParseAsync(body)).RootElement.Clone();
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
