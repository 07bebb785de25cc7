using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Platform.Kafka.Journal;
using Streams.Platform.Kafka.Native;
using Streams.Schemas.Topics;

namespace Streams.Platform.Kafka;

/// <summary>
/// A Kafka cluster inside this process: librdkafka's built-in Kafka-protocol broker behind TCP
/// relays on fixed loopback ports, so that any Kafka client (Confluent.Kafka, Streamiz, kcat)
/// speaks to it over TCP exactly as to a real cluster.
/// </summary>
/// <remarks>
/// Limits of the built-in broker (see README): each partition keeps only its last ~5 MiB, so a
/// consumer lagging further loses data; the Topic Admin API is absent, so topics are created
/// here (<see cref="CreateTopic"/>) rather than through CreateTopics requests; transactions do
/// not isolate. ListConsumerGroups crashes the process: nothing here calls it.
/// </remarks>
public sealed class EmbeddedKafkaCluster : IDisposable, ITopicCreator
{
    private readonly MockCluster _cluster;
    private readonly List<TcpRelay> _relays;
    private readonly int _replicationFactor;
    private readonly ConcurrentDictionary<string, int> _topics = new(StringComparer.Ordinal);
    private readonly KafkaJournal? _journal;
    private readonly JournalLock? _journalLock;
    private readonly EmbeddedKafkaOptions _options;
    private readonly ILogger _logger;
    private readonly Timer? _compactionTimer;
    private readonly Lock _compaction = new();
    private int _disposed;

    private EmbeddedKafkaCluster(
        MockCluster cluster, List<TcpRelay> relays, int replicationFactor, string advertisedHost,
        KafkaJournal? journal, JournalLock? journalLock, IReadOnlyDictionary<string, int> topics, EmbeddedKafkaOptions options, ILogger logger)
    {
        _journalLock = journalLock;
        _options = options;
        _logger = logger;
        if (journal is not null && options.JournalCompactionCheckMs > 0)
        {
            _compactionTimer = new Timer(_ => CompactJournalIfGrown(), null, options.JournalCompactionCheckMs, options.JournalCompactionCheckMs);
        }

        _cluster = cluster;
        _relays = relays;
        _replicationFactor = replicationFactor;
        _journal = journal;
        foreach (var (name, partitions) in topics)
        {
            _topics[name] = partitions;
        }

        BootstrapServers = string.Join(',', relays.Select(r => $"{advertisedHost}:{r.LocalEndPoint.Port}"));
    }

    /// <summary>Comma-separated host:port list for <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Topics created through this cluster, with their partition counts.</summary>
    public IReadOnlyDictionary<string, int> Topics => _topics;

    /// <summary>
    /// Starts the brokers and their relays; with a <see cref="EmbeddedKafkaOptions.JournalPath"/>, first
    /// puts back every topic, record and committed offset the journal holds.
    /// </summary>
    /// <exception cref="InvalidOperationException">A port is in use or the native library is missing; the message says what to do.</exception>
    public static EmbeddedKafkaCluster Start(EmbeddedKafkaOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Brokers, 1);
        logger ??= NullLogger.Instance;
        var address = IPAddress.Parse(options.Host);

        var replicationFactor = Math.Min(3, options.Brokers);
        var cluster = new MockCluster(options.Brokers);
        var relays = new List<TcpRelay>(options.Brokers);
        KafkaJournal? journal = null;
        JournalLock? journalLock = null;
        IReadOnlyDictionary<string, int> topics = new Dictionary<string, int>();
        try
        {
            if (!string.IsNullOrEmpty(options.JournalPath))
            {
                journalLock = JournalLock.Acquire(options.JournalPath);
                (journal, topics) = Restore(options, cluster, replicationFactor, logger);
            }

            var inspector = new BrokerTrafficInspector(journal, logger);
            for (var i = 0; i < options.Brokers; i++)
            {
                var port = options.Port == 0 ? 0 : options.Port + i;
                var relay = StartRelay(new IPEndPoint(address, port), ParseEndPoint(cluster.BrokerAddresses[i]), inspector, logger);
                relays.Add(relay);
                cluster.Advertise(i + 1, options.Advertised, relay.LocalEndPoint.Port);
            }
        }
        catch
        {
            foreach (var relay in relays)
            {
                relay.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            journal?.Dispose();
            journalLock?.Dispose();
            cluster.Dispose();
            throw;
        }

        return new EmbeddedKafkaCluster(cluster, relays, replicationFactor, options.Advertised, journal, journalLock, topics, options, logger);
    }

    private static (KafkaJournal Journal, IReadOnlyDictionary<string, int> Topics) Restore(EmbeddedKafkaOptions options, MockCluster cluster, int replicationFactor, ILogger logger)
    {
        var clock = Stopwatch.StartNew();
        var journalOptions = new JournalOptions(options.JournalSegmentBytes, options.FlushMessages, options.FlushMs);
        var path = options.JournalPath!;
        var folder = KafkaJournal.CurrentGeneration(path);
        var state = KafkaJournal.Read(folder, logger);
        if (JournalCompactor.Rewrite(path, folder, state, KafkaJournal.NextSegmentNumber(folder), TopicRetention.For, DateTimeOffset.UtcNow, options.JournalCompactionShare, logger) is not null)
        {
            folder = KafkaJournal.CurrentGeneration(path);
            state = KafkaJournal.Read(folder, logger);
        }

        using (var replayer = new JournalReplayer(cluster.BrokerAddresses, logger))
        {
            var batches = replayer.Replay(state, folder, cluster, replicationFactor, TopicRetention.For);
            logger.LogInformation(
                "Embedded Kafka: journal {Path} replayed in {Elapsed} ms: {Topics} topics, {Batches} batches sent of {Bytes} journal bytes, {Commits} committed offsets",
                folder, clock.ElapsedMilliseconds, state.Topics.Count, batches, state.Bytes, state.Commits.Count);
        }

        return (KafkaJournal.Append(folder, journalOptions, state.Bytes), state.Topics);
    }

    /// <summary>Creates the topic if it does not exist yet; an existing topic is left as it is.</summary>
    public void CreateTopic(string name, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        if (_cluster.CreateTopic(name, partitions, _replicationFactor))
        {
            // Only a topic new to the broker is news to the journal; a replayed one is already in it.
            _journal?.AppendTopic(name, partitions);
        }

        _topics.TryAdd(name, partitions);
    }

    /// <summary>Creates each topic of <paramref name="topics"/> with its partition count.</summary>
    public void CreateTopics(IEnumerable<TopicSpec> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        foreach (var topic in topics)
        {
            CreateTopic(topic.Name, topic.Partitions);
        }
    }

    /// <summary>
    /// Applies retention and compaction to what the journal holds so far while appends go on;
    /// returns whether it rewrote anything. Runs by itself when the journal has grown by
    /// <see cref="EmbeddedKafkaOptions.JournalCompactionBytes"/> and by its own size since the last time.
    /// </summary>
    public bool CompactJournal()
    {
        if (_journal is null)
        {
            return false;
        }

        lock (_compaction)
        {
            var (segments, coversBelow) = _journal.Seal();
            var folder = _journal.Folder;
            var state = KafkaJournal.Read(segments, _logger);
            var compacted = JournalCompactor.Rewrite(
                Path.GetDirectoryName(folder)!, folder, state, coversBelow, TopicRetention.For, DateTimeOffset.UtcNow, _options.JournalCompactionShare, _logger);
            if (compacted is null)
            {
                return false;
            }

            _journal.Adopt(compacted, KafkaJournal.SegmentFiles(compacted).Sum(f => new FileInfo(f).Length));
            return true;
        }
    }

    private void CompactJournalIfGrown()
    {
        var grown = _journal!.BytesSinceCompaction;
        if (grown < _options.JournalCompactionBytes || grown < _journal.Bytes - grown)
        {
            return;
        }

        try
        {
            CompactJournal();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _logger.LogError(ex, "Kafka journal: compaction failed; the journal keeps growing until it succeeds");
        }
    }

    /// <summary>Stops relays and brokers; safe to call more than once (DI disposes a service once per registration).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _compactionTimer?.Dispose();
        foreach (var relay in _relays)
        {
            relay.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        lock (_compaction)
        {
            _journal?.Dispose();
            _journalLock?.Dispose();
        }

        _cluster.Dispose();
    }

    private static TcpRelay StartRelay(IPEndPoint listen, IPEndPoint broker, BrokerTrafficInspector inspector, ILogger logger)
    {
        try
        {
            return TcpRelay.Start(listen, broker, inspector, logger);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException(
                $"Kafka port {listen} is already in use: stop what holds it, set Kafka:Embedded:Port to another port, " +
                "or set Kafka:BootstrapServers to use an external cluster.", ex);
        }
    }

    private static IPEndPoint ParseEndPoint(string hostPort) =>
        IPEndPoint.TryParse(hostPort, out var endPoint)
            ? endPoint
            : throw new InvalidOperationException($"librdkafka's broker reported an unreadable address '{hostPort}'.");
}
