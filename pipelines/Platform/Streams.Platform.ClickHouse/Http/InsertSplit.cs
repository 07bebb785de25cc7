namespace Streams.Platform.ClickHouse.Http;

internal enum InsertSplitKind
{
    /// <summary>The buffer ends before the statement's shape is known.</summary>
    NeedMore,

    /// <summary>Not an INSERT with inline data: the whole request is one SQL text.</summary>
    NotInsert,

    /// <summary>INSERT whose data follows at <see cref="InsertSplit.DataOffset"/>.</summary>
    Insert,
}

/// <param name="StatementLength">Bytes of the INSERT before its FORMAT clause or VALUES.</param>
internal readonly record struct InsertSplit(InsertSplitKind Kind, int StatementLength, string? Format, int DataOffset)
{
    public static InsertSplit NeedMore { get; } = new(InsertSplitKind.NeedMore, 0, null, 0);

    public static InsertSplit NotInsert { get; } = new(InsertSplitKind.NotInsert, 0, null, 0);
}
