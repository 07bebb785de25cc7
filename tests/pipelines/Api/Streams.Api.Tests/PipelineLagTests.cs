using System.Net;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Streams.Platform.Kafka.Status;

namespace Streams.Api.Tests;

/// <summary><c>GET /api/pipeline/lag</c>: what the dashboard's "behind" badge and a Grafana panel read.</summary>
[Collection(ApiGroup.Name)]
public sealed class PipelineLagTests(ApiFixture fixture)
{
    [Fact]
    public async Task Lag_GroupBehindOnATopic_ServedToAViewerWithItsRecordsAndWorstPartition()
    {
        var topic = "lag-test-" + Guid.NewGuid().ToString("N")[..8];
        var group = "lag-test-group-" + Guid.NewGuid().ToString("N")[..8];
        fixture.Platform.Kafka.CreateTopic(topic, 2);
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = fixture.Platform.Kafka.BootstrapServers }).Build())
        {
            for (var i = 0; i < 10; i++)
            {
                await producer.ProduceAsync(new TopicPartition(topic, i < 7 ? 0 : 1), new Message<Null, string> { Value = $"record {i}" });
            }
        }

        // Partition 0: 2 of 7 processed; partition 1: all 3.
        using (var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = fixture.Platform.Kafka.BootstrapServers, GroupId = group }).Build())
        {
            consumer.Commit([new TopicPartitionOffset(topic, 0, 2), new TopicPartitionOffset(topic, 1, 3)]);
        }

        await using var api = await fixture.StartApiAsync(
            new Dictionary<string, string?> { ["Api:DataDir"] = fixture.DataDir },
            services => services.TryAddConsumerLagMonitor([group], TimeSpan.FromMilliseconds(200)));
        using var viewer = fixture.Client(fixture.ViewerKey, new Uri(api.Urls.First()));

        // The monitor reads every 200 ms; until its first read the route says it has not measured.
        JsonElement lag = default;
        for (var attempt = 0; attempt < 100 && lag.ValueKind != JsonValueKind.Object; attempt++)
        {
            await Task.Delay(100);
            var body = JsonDocument.Parse(await viewer.GetStringAsync(new Uri("/api/pipeline/lag", UriKind.Relative))).RootElement;
            lag = body.GetProperty("lags").EnumerateArray().FirstOrDefault(l => l.GetProperty("group").GetString() == group && l.GetProperty("topic").GetString() == topic);
        }

        Assert.Equal(JsonValueKind.Object, lag.ValueKind);
        Assert.Equal((5, 5), (lag.GetProperty("records").GetInt64(), lag.GetProperty("maxPartitionRecords").GetInt64()));
        Assert.True(lag.GetProperty("seconds").GetDouble() >= 0);
    }

    [Fact]
    public async Task Lag_NoMonitorInTheProcess_NotMeasuredRatherThanZero()
    {
        using var viewer = fixture.Client(fixture.ViewerKey);

        var body = JsonDocument.Parse(await viewer.GetStringAsync(new Uri("/api/pipeline/lag", UriKind.Relative))).RootElement;

        Assert.False(body.GetProperty("measured").GetBoolean());
        Assert.Empty(body.GetProperty("lags").EnumerateArray());
    }

    [Fact]
    public async Task Lag_WithoutAKey_Unauthorized()
    {
        using var anonymous = fixture.Client();

        using var response = await anonymous.GetAsync(new Uri("/api/pipeline/lag", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
