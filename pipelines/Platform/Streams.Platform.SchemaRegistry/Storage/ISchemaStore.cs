namespace Streams.Platform.SchemaRegistry.Storage;

/// <summary>The registry's durable log, in Confluent's <c>_schemas</c> key/value layout.</summary>
internal interface ISchemaStore : IAsyncDisposable
{
    /// <summary>Every record written so far, oldest first.</summary>
    Task<IReadOnlyList<StoredRecord>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Appends a record; completes once it is durable (acknowledged by all in-sync replicas).</summary>
    Task AppendAsync(StoredRecord record, CancellationToken cancellationToken);
}
