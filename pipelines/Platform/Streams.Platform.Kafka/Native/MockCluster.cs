using System.Runtime.InteropServices;
using System.Text;

namespace Streams.Platform.Kafka.Native;

/// <summary>
/// librdkafka's in-process Kafka-protocol broker: a cluster of <c>brokerCount</c> brokers, each
/// listening on a random loopback port and owned by a producer handle that exists only to host it.
/// </summary>
internal sealed unsafe class MockCluster : IDisposable
{
    // rd_kafka_resp_err_t values from rdkafka.h.
    private const int ErrNoError = 0;
    private const int ErrTopicAlreadyExists = 36;
    private const int ProducerType = 0;

    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;
    private readonly Lock _gate = new();
    private bool _disposed;

    public MockCluster(int brokerCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        LibRdKafka.EnsureLoaded();

        var conf = LibRdKafka.rd_kafka_conf_new();
        var error = stackalloc byte[512];
        // The handle only hosts the broker and never connects; its "no bootstrap.servers" notice is noise.
        if (LibRdKafka.rd_kafka_conf_set(conf, "log_level", "4", error, 512) != 0)
        {
            throw new InvalidOperationException("librdkafka rejected log_level: " + Marshal.PtrToStringUTF8((IntPtr)error));
        }

        _handle = LibRdKafka.rd_kafka_new(ProducerType, conf, error, 512);
        if (_handle == IntPtr.Zero)
        {
            throw new InvalidOperationException("librdkafka refused to create the broker's host handle: " + Marshal.PtrToStringUTF8((IntPtr)error));
        }

        _cluster = LibRdKafka.rd_kafka_mock_cluster_new(_handle, brokerCount);
        if (_cluster == IntPtr.Zero)
        {
            LibRdKafka.rd_kafka_destroy(_handle);
            throw new InvalidOperationException("librdkafka could not start its built-in broker (rd_kafka_mock_cluster_new returned null).");
        }

        // Without a controller every admin request waits forever for one.
        Check(LibRdKafka.rd_kafka_mock_set_controller_id(_cluster, 1), "appoint a controller");
        // The default 3 s initial rebalance delay makes every consumer-group join wait.
        LibRdKafka.rd_kafka_mock_group_initial_rebalance_delay_ms(_cluster, 0);

        BrokerAddresses = (Marshal.PtrToStringUTF8(LibRdKafka.rd_kafka_mock_cluster_bootstraps(_cluster)) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (BrokerAddresses.Count != brokerCount)
        {
            throw new InvalidOperationException($"librdkafka's broker reported {BrokerAddresses.Count} listeners for {brokerCount} brokers.");
        }
    }

    /// <summary>The address each broker really listens on, broker id 1 first.</summary>
    public IReadOnlyList<string> BrokerAddresses { get; }

    /// <summary>Makes metadata name <paramref name="host"/>:<paramref name="port"/> for the broker, so clients dial a relay there.</summary>
    public void Advertise(int brokerId, string host, int port)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Check(LibRdKafka.rd_kafka_mock_broker_set_host_port(_cluster, brokerId, host, port), $"advertise broker {brokerId} as {host}:{port}");
        }
    }

    /// <summary>Creates a topic; returns false when it already existed.</summary>
    public bool CreateTopic(string name, int partitions, int replicationFactor)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var err = LibRdKafka.rd_kafka_mock_topic_create(_cluster, name, partitions, replicationFactor);
            if (err == ErrTopicAlreadyExists)
            {
                return false;
            }

            Check(err, $"create topic '{name}'");
            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            LibRdKafka.rd_kafka_mock_cluster_destroy(_cluster);
            LibRdKafka.rd_kafka_destroy(_handle);
        }
    }

    private static void Check(int err, string what)
    {
        if (err != ErrNoError)
        {
            throw new InvalidOperationException($"Embedded Kafka could not {what}: {LibRdKafka.ErrorText(err)}");
        }
    }
}
