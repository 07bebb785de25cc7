using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Streams.Host.Health;
using Streams.Host.Hosting;

namespace Streams.Host.Tests.Hosting;

[Collection(EmbeddedPlatformGroup.Name)]
public sealed class StreamsAppTests
{
    internal static readonly string[] FreePorts =
    [
        "--Kafka:Embedded:Port=0", "--SchemaRegistry:Embedded:Port=0", "--ClickHouse:Embedded:Port=0", "--Api:Port=0",
        // A throwaway broker: no journal carried from one test (or run) to the next.
        "--Kafka:Embedded:JournalPath=",
    ];

    /// <summary>FreePorts, and a data directory of the test's own (where the platform writes its admin key file).</summary>
    internal static string[] FreePortsWithDataDir(string dataDir) => [.. FreePorts, $"--data-dir={dataDir}"];

    internal static readonly IReadOnlyList<Role> PlatformOnly = RoleCatalogue.Parse(RoleCatalogue.PlatformRole);

    [Fact]
    public async Task Start_PlatformRole_HealthzReadyzAndMetricsReportRolesHealthAndTelemetry()
    {
        await using var app = StreamsApp.Build(PlatformOnly, [.. FreePorts, $"--data-dir={TempDir()}"]);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var live = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        var ready = await http.GetFromJsonAsync<HealthResponse>(new Uri("/readyz", UriKind.Relative), HealthResponse.JsonOptions);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.NotNull(ready);
        Assert.Equal("Healthy", ready.Status);
        Assert.Equal([RoleCatalogue.PlatformRole], ready.Roles);
        Assert.Equal(["clickhouse", "kafka", "schema-registry", "streams"], ready.Checks.Keys.Order());
        Assert.Equal("no stream started yet", ready.Checks["streams"].Description);
        Assert.All(ready.Checks.Values, c => Assert.Equal("Healthy", c.Status));
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("http_server_request_duration_seconds_count", metrics, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections", metrics, StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task Start_ApiPortInUse_FailsWithOneLineNamingTheOption()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        await using var app = StreamsApp.Build(PlatformOnly, [.. FreePorts, $"--Api:Port={port}", $"--data-dir={TempDir()}"]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        var line = StartupError.Describe(error);

        Assert.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
        Assert.Contains("Api:Port", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    internal static string TempDir() => Path.Combine(Path.GetTempPath(), "streams-host-" + Guid.NewGuid().ToString("N"));
}
