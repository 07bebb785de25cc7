using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Streams.Topology.Tests.Serdes;

/// <summary>
/// A Schema Registry on loopback that knows no schema: every request gets Confluent's
/// 404 "Schema not found" error body. Enough to prove which URL a client was built with.
/// </summary>
internal sealed class EmptyRegistryServer : IAsyncDisposable
{
    private static readonly byte[] Body = """{"error_code":40403,"message":"Schema not found"}"""u8.ToArray();

    private readonly HttpListener listener = new();
    private readonly Task serving;
    private int requests;

    public EmptyRegistryServer()
    {
        // HttpListener cannot bind port 0, so a free port is found first.
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
        }

        listener.Prefixes.Add(Url);
        listener.Start();

        // Off the test's synchronization context: the SerDes blocks the test thread while it
        // waits for this server (Streamiz serdes are synchronous).
        serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public int Requests => Volatile.Read(ref requests);

    public async ValueTask DisposeAsync()
    {
        listener.Close();
        await serving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            var context = await listener.GetContextAsync();
            Interlocked.Increment(ref requests);
            context.Response.StatusCode = (int)HttpStatusCode.NotFound;
            context.Response.ContentType = "application/vnd.schemaregistry.v1+json";
            context.Response.ContentLength64 = Body.Length;
            await context.Response.OutputStream.WriteAsync(Body);
            context.Response.Close();
        }
    }
}
