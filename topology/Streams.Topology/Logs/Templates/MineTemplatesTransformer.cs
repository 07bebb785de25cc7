using System.Diagnostics.CodeAnalysis;
using Confluent.Kafka;
using io.streams.avro;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streams.Topology.DeadLetters;
using Streams.Topology.Metrics;

namespace Streams.Topology.Logs.Templates;

/// <summary>
/// Mines with a <see cref="TemplateMiner"/> mirrored in a state store, so the parsers come back
/// from the changelog after a restart or a rebalance. Reads raw bytes so that a record that does
/// not decode becomes a dead letter instead of stopping the stream thread.
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Streamiz creates one per task with Activator.")]
internal sealed class MineTemplatesTransformer : ITransformer<string, byte[], string, MineOutcome>
{
    private readonly TemplateMiner? miner;
    private readonly ISerDes<LogRecord>? logs;
    private IKeyValueStore<string, LogTemplate>? store;
    private bool loaded;

    /// <summary>The prototype Streamiz' TransformerBuilder creates; each task gets an instance from the other constructor.</summary>
    public MineTemplatesTransformer()
    {
    }

    public MineTemplatesTransformer(LogTemplateOptions options, ISerDes<LogRecord> logs)
    {
        miner = new TemplateMiner(options);
        this.logs = logs;
    }

    public void Init(ProcessorContext<string, MineOutcome> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        store = (IKeyValueStore<string, LogTemplate>)context.GetStateStore(MineLogTemplates.TemplateStoreName);
    }

    public Record<string, MineOutcome> Process(Record<string, byte[]> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        LogRecord? log;
        try
        {
            log = record.Value is { Length: > 0 } bytes
                ? (logs ?? throw NotReady()).Deserialize(bytes, new SerializationContext(MessageComponentType.Value, record.TopicPartitionOffset.Topic, record.Headers))
                : null;
        }
        catch (InvalidDataException e)
        {
            return Reject(record, RejectReason.MalformedAvro, e.Message);
        }

        if (log is null)
        {
            return Reject(record, RejectReason.MalformedAvro, "empty value (tombstone): a log record was expected");
        }

        if (string.IsNullOrWhiteSpace(log.host))
        {
            return Reject(record, RejectReason.MissingIdentity, "host is empty: the line cannot be attributed to a host's templates");
        }

        LoadOnce();
        var app = log.app ?? "";
        var match = Miner.Add(log.host, app, log.message ?? "", EpochMs.Of(log.timestamp));
        if (match.Evicted is { } evicted)
        {
            Store.Delete(TemplateMiner.Key(log.host, app, evicted.Id));
        }

        Store.Put(TemplateMiner.Key(log.host, app, match.Template.Id), match.Template);
        MineLogTemplates.Mark(log, match.Template.Id, match.Template.Text, match.IsNew);
        return Record<string, MineOutcome>.Create(record.Key, new MineOutcome(log, null));
    }

    public void Close()
    {
    }

    /// <summary>After a restart the store comes back from its changelog; the parsers are rebuilt from it at the first record.</summary>
    private void LoadOnce()
    {
        if (loaded)
        {
            return;
        }

        Miner.Restore(Store.All());
        loaded = true;
    }

    private TemplateMiner Miner => miner ?? throw NotReady();

    private IKeyValueStore<string, LogTemplate> Store => store ?? throw NotReady();

    private static InvalidOperationException NotReady() =>
        new("MineTemplatesTransformer: the prototype instance processed a record, or Init was not called.");

    private static Record<string, MineOutcome> Reject(Record<string, byte[]> record, string reason, string detail) =>
        Record<string, MineOutcome>.Create(
            record.Key,
            new MineOutcome(null, new Rejection(MineLogTemplates.StageName, reason, detail, record.Value ?? [], record.TopicPartitionOffset)));
}
