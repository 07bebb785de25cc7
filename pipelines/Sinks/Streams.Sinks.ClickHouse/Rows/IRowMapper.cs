namespace Streams.Sinks.ClickHouse.Rows;

/// <summary>Turns one Avro record into the rows of one ClickHouse table, in <see cref="Columns"/> order.</summary>
/// <typeparam name="T">A generated record type of <c>io.streams.avro</c>.</typeparam>
public interface IRowMapper<in T>
{
    string Table { get; }

    IReadOnlyList<string> Columns { get; }

    /// <summary>Appends the record's rows (one, or one per series for a window). Called from several threads at once (batches decode in parallel).</summary>
    /// <exception cref="InvalidDataException">A value ClickHouse would reject, which would fail the whole batch: the record goes to the dead-letter topic instead.</exception>
    void AddRows(T record, List<object[]> rows);
}
