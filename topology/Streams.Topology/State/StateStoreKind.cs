namespace Streams.Topology.State;

/// <summary>Where a topology keeps its state stores; both are backed by a changelog topic.</summary>
public enum StateStoreKind
{
    /// <summary>RocksDB on disk under the stream config's state directory: state larger than memory, fast restarts.</summary>
    RocksDb,

    /// <summary>In memory, restored from the changelog on start; for tests and small fleets.</summary>
    InMemory,
}
