using System.Reflection;
using System.Runtime.InteropServices;

namespace Streams.Platform.Kafka.Native;

/// <summary>
/// The parts of librdkafka's C API that start and steer its built-in Kafka-protocol broker
/// (rdkafka_mock.h). Confluent.Kafka does not expose them, so they are called directly from the
/// very library file that Confluent.Kafka ships.
/// </summary>
internal static unsafe partial class LibRdKafka
{
    private const string Library = "rdkafka";

    // Debian 12 lacks libsasl2.so.3, which the default build links against; Confluent.Kafka
    // itself falls back to the CentOS 8 build in the same folder, and so do we.
    private static readonly string[] Candidates = ["librdkafka.so", "centos8-librdkafka.so"];

    static LibRdKafka() => NativeLibrary.SetDllImportResolver(typeof(LibRdKafka).Assembly, Resolve);

    /// <summary>Loads the library now, so a missing or unloadable file fails with one clear message.</summary>
    internal static void EnsureLoaded()
    {
        if (Resolve(Library, typeof(LibRdKafka).Assembly, null) == IntPtr.Zero)
        {
            throw new DllNotFoundException(
                $"librdkafka could not be loaded from {NativeFolder()} (tried {string.Join(", ", Candidates)}); " +
                "restore the librdkafka.redist package (dotnet restore) or install Debian's libsasl2-2.");
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(Path.Combine(NativeFolder(), candidate), out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    private static string NativeFolder() =>
        Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier.StartsWith("linux-arm64", StringComparison.Ordinal) ? "linux-arm64" : "linux-x64", "native");

    [LibraryImport(Library)]
    internal static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte* errstr, nuint errstrSize);

    [LibraryImport(Library)]
    internal static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte* errstr, nuint errstrSize);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(Library)]
    internal static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    /// <summary>Returns a string owned by the cluster: never free it.</summary>
    [LibraryImport(Library)]
    internal static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(Library)]
    internal static partial int rd_kafka_mock_set_controller_id(IntPtr cluster, int controllerId);

    [LibraryImport(Library)]
    internal static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int rd_kafka_mock_broker_set_host_port(IntPtr cluster, int brokerId, string host, int port);

    [LibraryImport(Library)]
    internal static partial IntPtr rd_kafka_err2str(int err);

    internal static string ErrorText(int err) => Marshal.PtrToStringUTF8(rd_kafka_err2str(err)) ?? $"error {err}";
}
