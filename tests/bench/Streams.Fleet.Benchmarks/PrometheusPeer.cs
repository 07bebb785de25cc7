using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streams.Collectors.Agent.Benchmarks;

namespace Streams.Fleet.Benchmarks;

/// <summary>
/// The peer: Debian's <c>prometheus</c> scraping the same fleet every 10 s: one target per server
/// (a label tells them apart), each page with as many gauges as the simulator sends per server,
/// served from this process (so, like the simulator for Streams, the exporter's CPU is not the
/// peer's). Measures what Prometheus appended (<c>prometheus_tsdb_head_samples_appended_total</c>)
/// and the CPU of its process over the same measured span as Streams.
/// </summary>
internal static class PrometheusPeer
{
    public const string Binary = "/usr/bin/prometheus";

    public static bool Available => File.Exists(Binary);

    public static async Task<PeerResult> RunAsync(int servers, int seriesPerServer, TimeSpan duration, TimeSpan warmup)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var exporter = builder.Build();
        exporter.MapGet("/metrics", (HttpRequest request) => Results.Text(Page(request.Query["server"].ToString(), seriesPerServer), "text/plain; version=0.0.4"));
        await exporter.StartAsync();
        var address = new Uri(exporter.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var folder = Directory.CreateTempSubdirectory("streams-fleet-prometheus-").FullName;
        var port = StreamsUp.FreePort();
        var config = new StringBuilder("global:\n  scrape_interval: 10s\n  scrape_timeout: 10s\nscrape_configs:\n  - job_name: fleet\n    static_configs:\n");
        for (var i = 0; i < servers; i++)
        {
            // One target per server: the same exporter, told apart by the label Prometheus adds and the ?server= it sends.
            config.Append(CultureInfo.InvariantCulture, $"      - targets: ['{address.Authority}']\n        labels: {{server: 'srv-{i}'}}\n");
        }

        config.Append("    relabel_configs:\n      - source_labels: [server]\n        target_label: __param_server\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), config.ToString());
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { $"--config.file={folder}/prometheus.yml", $"--storage.tsdb.path={folder}/data", $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn" })
        {
            info.ArgumentList.Add(arg);
        }

        using var prometheus = Process.Start(info)!;
        prometheus.OutputDataReceived += (_, _) => { };
        prometheus.ErrorDataReceived += (_, _) => { };
        prometheus.BeginOutputReadLine();
        prometheus.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await Task.Delay(warmup);
            var meter = new ProcessMeter(prometheus.Id);
            meter.Start();
            var before = await AppendedAsync(http, port);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration - warmup)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                meter.SampleMemory();
            }

            var appended = await AppendedAsync(http, port) - before;
            var cpuSeconds = meter.CpuPercentOfOneCore / 100 * clock.Elapsed.TotalSeconds;
            return new PeerResult(appended / clock.Elapsed.TotalSeconds, cpuSeconds / clock.Elapsed.TotalSeconds, appended > 0 ? cpuSeconds * 1e6 / appended : double.NaN, meter.MaxRssMiB);
        }
        finally
        {
            prometheus.Kill();
            await prometheus.WaitForExitAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<double> AppendedAsync(HttpClient http, int port)
    {
        var text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        return text.Split('\n')
            .Where(l => l.StartsWith("prometheus_tsdb_head_samples_appended_total", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    private static string Page(string server, int series)
    {
        // Values move every scrape, as a real fleet's do (a constant series would compress to nothing).
        var seed = server.GetHashCode(StringComparison.Ordinal);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 10;
        var page = new StringBuilder("# TYPE fleet_series gauge\n");
        for (var s = 0; s < series; s++)
        {
            var value = 50 + (40 * Math.Sin((now + s + seed) * 0.1)) + ((seed ^ (s * 7919) ^ now) % 100 / 100.0);
            page.Append(CultureInfo.InvariantCulture, $"fleet_series{{series=\"s{s}\"}} {value:F3}\n");
        }

        return page.ToString();
    }
}
