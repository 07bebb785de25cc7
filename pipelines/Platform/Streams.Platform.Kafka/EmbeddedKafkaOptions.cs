using Streams.Platform.Security;

namespace Streams.Platform.Kafka;

/// <summary>The embedded broker, bound from <c>Kafka:Embedded</c>.</summary>
public sealed class EmbeddedKafkaOptions
{
    public const string SectionName = "Kafka:Embedded";

    /// <summary>How many brokers the cluster has (1..N). Topics are created with replication min(3, Brokers).</summary>
    public int Brokers { get; set; } = 1;

    /// <summary>Loopback address the brokers listen on.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>
    /// The host name metadata gives clients; by default <see cref="Host"/>, or 127.0.0.1 when
    /// listening on every interface (a container: set it to the name other containers use).
    /// </summary>
    public string? AdvertisedHost { get; set; }

    internal string Advertised => AdvertisedHost ?? (Host is "0.0.0.0" or "::" ? "127.0.0.1" : Host);

    /// <summary>Port of broker 1; broker i listens on Port + i - 1. 0 picks free ports.</summary>
    public int Port { get; set; } = 9092;

    /// <summary>The journal folder when configuration names none: under the default data directory, whatever the working directory.</summary>
    public static string DefaultJournalPath => StreamsDataDirectory.DefaultPath("Kafka:Embedded:JournalPath");

    /// <summary>
    /// Folder of the journal that makes topics, records and committed offsets survive a restart.
    /// Empty or null: no journal, every start begins empty (tests' throwaway brokers). The host binds
    /// <see cref="DefaultJournalPath"/> when configuration leaves it unset.
    /// </summary>
    public string? JournalPath { get; set; }

    /// <summary>fsync the journal after this many acknowledged batches (1 = before every acknowledgement); 0 leaves it to the OS (Kafka's default).</summary>
    public int FlushMessages { get; set; }

    /// <summary>fsync the journal at least this often, in milliseconds; 0 = never on a timer.</summary>
    public int FlushMs { get; set; }

    /// <summary>Size at which the journal starts a new segment file.</summary>
    public long JournalSegmentBytes { get; set; } = 256L << 20;

    /// <summary>At start, the journal is rewritten when compaction and retention would free at least this share of it.</summary>
    public double JournalCompactionShare { get; set; } = 0.25;

    /// <summary>While running, the journal is compacted once it has grown by this many bytes and by at least its own size since the last time.</summary>
    public long JournalCompactionBytes { get; set; } = 64L << 20;

    /// <summary>How often, in milliseconds, the journal's growth is checked; 0 = only at start.</summary>
    public int JournalCompactionCheckMs { get; set; } = 30_000;
}
