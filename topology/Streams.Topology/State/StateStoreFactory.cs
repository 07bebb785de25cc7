using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;

namespace Streams.Topology.State;

internal static class StateStoreFactory
{
    /// <summary>
    /// A cached, logged key-value store. The cache absorbs the many updates a key gets between
    /// commits (a window's series changes with every sample), so the changelog gets one record
    /// per key per commit instead of one per update.
    /// </summary>
    public static IStoreBuilder<IKeyValueStore<string, TValue>> KeyValue<TValue>(string name, StateStoreKind kind, ISerDes<TValue> values)
    {
        var supplier = kind == StateStoreKind.InMemory ? Stores.InMemoryKeyValueStore(name) : Stores.PersistentKeyValueStore(name);
        return Stores.KeyValueStoreBuilder(supplier, new StringSerDes(), values)
            .WithLoggingEnabled(new Dictionary<string, string>())
            .WithCachingEnabled();
    }
}
