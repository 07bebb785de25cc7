using io.streams.avro;
using Microsoft.Extensions.Hosting;
using Streams.Processor;
using Streams.Schemas.Topics;

namespace Streams.Deployment.Tests.RealKafka;

[Collection(RealKafkaGroup.Name)]
public sealed class ProcessorOnRealKafkaTests(RealKafkaPlatform platform)
{
    private readonly string applicationId = "processor-deploy-" + Guid.NewGuid().ToString("N")[..8];

    [DockerFact]
    public async Task Processor_RawSamplesOnRealKafka_EmitsClosedWindowsOnMetricsWindows()
    {
        await StartProcessorAsync();
        var host = MetricSamples.UniqueHost("web");
        var start = MetricSamples.WindowStart(DateTime.UtcNow.AddMinutes(-2));

        // 25 s of one sample per second: windows [0,10) and [10,20) close once stream time passes 21 s.
        platform.Produce(TopicCatalogue.MetricsRaw.Name, Enumerable.Range(0, 25).Select(i => MetricSamples.Sample(host, start.AddSeconds(i), 40 + i)), s => s.host);

        var windows = ReadWindows(host, 2);
        Assert.Equal([start, start.AddSeconds(10)], windows.Select(w => w.window.start));
        var first = Assert.Single(windows[0].series);
        Assert.Equal(10, first.count);
        Assert.Equal(0.445, first.mean, 9);
    }

    [DockerFact]
    public async Task Processor_ReplacedWithEmptyStateDir_RestoresOpenWindowsFromChangelogsTheBrokerCreated()
    {
        // On a real cluster Streamiz creates its changelog topics through the admin API (the
        // embedded broker has none, so the host creates them there): this is that path.
        var first = await StartProcessorAsync();
        var host = MetricSamples.UniqueHost("db");
        var start = MetricSamples.WindowStart(DateTime.UtcNow.AddMinutes(-2));
        platform.Produce(TopicCatalogue.MetricsRaw.Name, Enumerable.Range(0, 15).Select(i => MetricSamples.Sample(host, start.AddSeconds(i), 10)), s => s.host);
        Assert.Single(ReadWindows(host, 1));

        // Window [10 s, 20 s) is open with 5 samples; the next instance starts from an empty directory.
        await platform.StopAsync(first);
        await StartProcessorAsync();
        platform.Produce(TopicCatalogue.MetricsRaw.Name, Enumerable.Range(15, 10).Select(i => MetricSamples.Sample(host, start.AddSeconds(i), 30)), s => s.host);

        var windows = ReadWindows(host, 2);
        var second = Assert.Single(windows[1].series);
        Assert.Equal(start.AddSeconds(10), windows[1].window.start);
        Assert.Equal((10, 0.2), (second.count, second.mean));
    }

    private Task<IHost> StartProcessorAsync() => platform.StartRoleAsync(
        new Dictionary<string, string?>
        {
            ["Processor:ApplicationId"] = applicationId,
            ["Processor:StateDir"] = platform.TempDirectory("streams-processor-"),
            ["Processor:CommitIntervalMs"] = "100",
            ["Processor:WindowSizes:0"] = "00:00:10",
            ["Processor:WindowGrace"] = "00:00:01",
        },
        (services, configuration) => services.AddProcessor(configuration));

    private List<MetricWindow> ReadWindows(string host, int count)
    {
        var windows = platform.Read<MetricWindow>(TopicCatalogue.MetricsWindows.Name, w => w.host == host, w => w.Count >= count, TimeSpan.FromSeconds(120));
        Assert.Equal(count, windows.Count);
        return windows;
    }
}
