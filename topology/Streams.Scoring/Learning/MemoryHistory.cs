namespace Streams.Scoring.Learning;

/// <summary>A host's rolling history in memory, for replays (the evaluation's live protocol); the live scorer keeps the same slots in a state store.</summary>
public sealed class MemoryHistory(int slots) : IHistoryStore
{
    private readonly HistoryRow?[] rows = new HistoryRow?[slots];

    public HistoryRow? Read(int slot) => rows[slot];

    public void Write(int slot, HistoryRow row) => rows[slot] = row;
}
