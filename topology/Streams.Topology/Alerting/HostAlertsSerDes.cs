using System.Text.Json;
using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;
using Streams.Alerting.Lifecycle;

namespace Streams.Topology.Alerting;

/// <summary>
/// JSON for the per-host alert state: a few alerts per host, written only when they change, so
/// readability of the changelog (kcat shows what the lifecycle holds) beats compactness here.
/// </summary>
internal sealed class HostAlertsSerDes : AbstractSerDes<HostAlerts>
{
    public override byte[] Serialize(HostAlerts data, SerializationContext context) =>
        data is null ? null! : JsonSerializer.SerializeToUtf8Bytes(data);

    public override HostAlerts Deserialize(byte[] data, SerializationContext context) =>
        data is null ? null! : JsonSerializer.Deserialize<HostAlerts>(data) ?? throw new JsonException("the host's alert state is null");
}
