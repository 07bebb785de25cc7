using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;

namespace Streams.Topology.State;

internal static class StateStoreFactory
{
    /// <summary>
    /// A logged key-value store without a cache. A transformer forwards its output as it
    /// processes, and after a crash it tells a replayed input from a new one by its restored
    /// state, so the state's changelog must not trail the output: a cache holds it back until
    /// the next commit, and a kill in between replayed that much output a second time. Batched
    /// records update a key once per batch, which leaves a cache little to absorb.
    /// </summary>
    public static IStoreBuilder<IKeyValueStore<string, TValue>> KeyValue<TValue>(string name, StateStoreKind kind, ISerDes<TValue> values)
    {
        var supplier = kind == StateStoreKind.InMemory ? Stores.InMemoryKeyValueStore(name) : Stores.PersistentKeyValueStore(name);
        return Stores.KeyValueStoreBuilder(supplier, new StringSerDes(), values)
            .WithLoggingEnabled(new Dictionary<string, string>())
            .WithCachingDisabled();
    }
}
