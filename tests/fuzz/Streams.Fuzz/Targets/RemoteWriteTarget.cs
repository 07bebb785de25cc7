using Microsoft.Extensions.Logging.Abstractions;
using Snappier;
using Streams.Collectors.Prometheus;
using Streams.Collectors.Prometheus.RemoteWrite;
using Streams.Fuzz.Harness;

namespace Streams.Fuzz.Targets;

/// <summary>
/// A remote-write request body through <see cref="RemoteWriteReceiver"/>, which answers every bad
/// body with an error outcome and a dead letter, so nothing may escape it. The first byte picks
/// the layer: 0 sends the rest as the body (Snappy itself is fuzzed), anything else Snappy-compresses
/// the rest first (the protobuf decoder is fuzzed, which random bytes would rarely reach through
/// a valid Snappy block).
/// </summary>
internal sealed class RemoteWriteTarget : IFuzzTarget
{
    private readonly RemoteWriteReceiver _receiver = new(new PrometheusOptions { MaxRemoteWriteBytes = 1 << 20 }, new SerializingSink(), NullLogger.Instance);

    public string Name => "prometheus-remote-write";

    public IReadOnlyList<byte[]> Dictionary { get; } =
    [
        [0x0A], [0x12], [0x09], [0x10], [0x1A], [0x22], [0xFF, 0xFF, 0xFF, 0xFF, 0x0F], [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
        "__name__"u8.ToArray(), "instance"u8.ToArray(), "_total"u8.ToArray(), [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x7F],
    ];

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var body = input[0] == 0 ? input[1..].ToArray() : Snappy.CompressToArray(input[1..]);
        _receiver.Receive(body, body.Length);
    }
}
