using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Streams.Platform.Kafka.Protocol;

namespace Streams.Platform.Kafka.Journal;

/// <summary>
/// A bare Kafka connection to one broker of the embedded cluster, for replaying the journal:
/// record batches go back byte for byte, which no client library allows. Classic request versions only.
/// </summary>
internal sealed class RawKafkaConnection : IDisposable
{
    private const string ClientId = "streams-journal-replay";
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly ArrayBufferWriter<byte> _request = new(1 << 16);
    private int _nextCorrelationId;

    public RawKafkaConnection(IPEndPoint broker)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _socket.Connect(broker);
        _stream = new NetworkStream(_socket, ownsSocket: true);
    }

    /// <summary>Sends a request whose body <paramref name="writeBody"/> writes; returns its correlation id.</summary>
    public int Send(short apiKey, short version, Action<KafkaWriter> writeBody)
    {
        _request.ResetWrittenCount();
        _request.Advance(4);
        var writer = new KafkaWriter(_request);
        var correlationId = _nextCorrelationId++;
        writer.Int16(apiKey);
        writer.Int16(version);
        writer.Int32(correlationId);
        writer.String(ClientId);
        writeBody(writer);
        var frame = System.Runtime.InteropServices.MemoryMarshal.AsMemory(_request.WrittenMemory).Span;
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - 4);
        _stream.Write(frame);
        return correlationId;
    }

    /// <summary>The next response frame (correlation id first).</summary>
    public byte[] Receive()
    {
        Span<byte> prefix = stackalloc byte[4];
        _stream.ReadExactly(prefix);
        var response = new byte[BinaryPrimitives.ReadInt32BigEndian(prefix)];
        _stream.ReadExactly(response);
        return response;
    }

    public void Dispose() => _stream.Dispose();
}
