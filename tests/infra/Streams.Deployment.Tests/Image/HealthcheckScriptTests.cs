using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Streams.Deployment.Tests.Image;

public sealed class HealthcheckScriptTests
{
    private const string Script = "infra/docker/healthcheck.sh";

    [ExecutableFact("bash")]
    public async Task Probe_PathAnswers200_ExitsZero()
    {
        var (exitCode, request) = await ProbeAsync("/readyz", "HTTP/1.1 200 OK");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("GET /readyz HTTP/1.0\r\n", request, StringComparison.Ordinal);
    }

    [ExecutableFact("bash")]
    public async Task Probe_PathAnswers503_ExitsNonZero()
    {
        var (exitCode, _) = await ProbeAsync("/readyz", "HTTP/1.1 503 Service Unavailable");

        Assert.NotEqual(0, exitCode);
    }

    [ExecutableFact("bash")]
    public async Task Probe_NothingListens_ExitsNonZero()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exitCode, _) = await RunAsync(port, "/healthz");

        Assert.NotEqual(0, exitCode);
    }

    /// <summary>Runs the probe against a one-shot server that answers <paramref name="statusLine"/>; returns the exit code and the request it sent.</summary>
    private static async Task<(int ExitCode, string Request)> ProbeAsync(string path, string statusLine)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serve = Task.Run(async () =>
        {
            var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            // Read the whole request before answering: a socket closed with unread bytes sends a
            // reset, which can discard the answer before the probe reads it (a flaky exit 1).
            var request = new StringBuilder();
            var buffer = new byte[1024];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    break;
                }

                request.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{statusLine}\r\nContent-Length: 0\r\n\r\n"));
            return (Client: client, Request: request.ToString());
        });

        var (exitCode, _) = await RunAsync(((IPEndPoint)listener.LocalEndpoint).Port, path);
        // The connection stays open until the probe has exited, so neither side closes it under the other.
        var (client, request) = await serve;
        client.Dispose();
        return (exitCode, request);
    }

    private static Task<(int ExitCode, string Output)> RunAsync(int port, string path) =>
        Executables.RunAsync(
            "bash",
            [RepositoryFiles.PathOf(Script), path],
            TimeSpan.FromSeconds(10),
            new Dictionary<string, string> { ["Api__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
}
