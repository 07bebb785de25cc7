using System.Globalization;
using Streamiz.Kafka.Net.State;
using Streams.Scoring.Learning;

namespace Streams.Topology.Scoring;

/// <summary>One host's rolling history in the scorer's history store: a key per host and slot.</summary>
internal sealed class HostHistory(IKeyValueStore<string, HistoryRow> store, string host) : IHistoryStore
{
    private const char KeySeparator = '\u001f';

    public HistoryRow? Read(int slot) => store.Get(Key(slot));

    public void Write(int slot, HistoryRow row) => store.Put(Key(slot), row);

    public void Delete(int slot) => store.Delete(Key(slot));

    // The warm-up scorer keyed its buffer the same way, so rows it stored are the first slots of the ring.
    private string Key(int slot) => string.Concat(host, KeySeparator.ToString(), slot.ToString("D9", CultureInfo.InvariantCulture));
}
