using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Streams.Api.Tests;

/// <summary>The dashboard's fleet view takes a 10,000-host fleet from /api/hosts in one page.</summary>
[Collection(ApiGroup.Name)]
public sealed class HostFleetTests(ApiFixture fixture, ITestOutputHelper output)
{
    private const int Fleet = 10_000;

    [Fact]
    public async Task Hosts_TenThousandHosts_ComeInOnePageAndOneMoreIs400()
    {
        // One window and one tagged anomaly a host, the way a simulated fleet looks; named apart from the other tests' hosts.
        await fixture.ClickHouse.ExecuteNonQueryAsync(
            "INSERT INTO metric_windows (window_start, window_end, window_size_ms, host, series, metric, unit, count, min, max, mean, stddev, last, p95) " +
            "SELECT now64(3) - INTERVAL 20 SECOND, now64(3) - INTERVAL 10 SECOND, 10000, concat('fleet-', leftPad(toString(number), 5, '0')), 'cpu.util', 'cpu.util', 'ratio', 10, " +
            $"0.2, 0.6, 0.4, 0.05, 0.4, 0.55 FROM numbers({Fleet})");
        await fixture.ClickHouse.ExecuteNonQueryAsync(
            "INSERT INTO anomalies (id, host, series, window_start, window_end, score, threshold, severity, model, model_version, contribution_series, contribution_share, " +
            "contribution_value, contribution_expected, consecutive_windows, tags, detected_at) " +
            "SELECT concat('fleet-an-', toString(number)), concat('fleet-', leftPad(toString(number), 5, '0')), 'cpu.util', now64(3) - INTERVAL 20 SECOND, now64(3) - INTERVAL 10 SECOND, " +
            "3.0, 2.0, 'WARNING', 'ensemble', 'v1', ['cpu.util'], [1.0], [0.9], [0.4], 1, map('dc', if(number % 2 = 0, 'ams', 'fra'), 'role', 'web'), now64(3) " +
            $"FROM numbers({Fleet})");

        using var client = fixture.Client(fixture.ViewerKey);
        var url = new Uri($"/api/hosts?search=fleet-&sort=health&pageSize={Fleet}", UriKind.Relative);
        var times = new List<double>();
        string body = string.Empty;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            body = await response.Content.ReadAsStringAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        }

        var page = JsonDocument.Parse(body).RootElement;
        Assert.Equal(Fleet, page.GetProperty("total").GetInt32());
        Assert.Equal(Fleet, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(Fleet, page.GetProperty("items").GetArrayLength());

        // The figures the dashboard's README quotes; no bound asserted, a loaded CI machine varies too much.
        var bytes = System.Text.Encoding.UTF8.GetByteCount(body);
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(body));
        }

        times.Sort();
        output.WriteLine($"GET /api/hosts pageSize={Fleet}: {bytes / 1024.0:F0} KiB JSON ({gzipped.Length / 1024.0:F0} KiB gzipped), median {times[1]:F0} ms of 3 ({times[0]:F0}..{times[2]:F0} ms)");

        // A client that accepts Brotli gets the same fleet in a small fraction of the bytes.
        using (var compressed = new HttpRequestMessage(HttpMethod.Get, url))
        {
            compressed.Headers.AcceptEncoding.ParseAdd("br");
            using var response = await client.SendAsync(compressed);
            var wire = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
            using var brotli = new BrotliStream(new MemoryStream(wire), CompressionMode.Decompress);
            using var reader = new StreamReader(brotli);
            Assert.Equal(Fleet, JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.GetProperty("items").GetArrayLength());
            Assert.True(wire.Length * 10 < bytes, $"{wire.Length} bytes compressed of {bytes}");
            output.WriteLine($"GET /api/hosts pageSize={Fleet} with Accept-Encoding br: {wire.Length / 1024.0:F0} KiB on the wire");
        }

        var problem = await Problems.AssertAsync(await client.GetAsync(new Uri($"/api/hosts?pageSize={Fleet + 1}", UriKind.Relative)), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("pageSize", out _), problem.ToString());
        // Other lists keep their 500.
        await Problems.AssertAsync(await client.GetAsync(new Uri("/api/anomalies?pageSize=501", UriKind.Relative)), HttpStatusCode.BadRequest);
    }
}
