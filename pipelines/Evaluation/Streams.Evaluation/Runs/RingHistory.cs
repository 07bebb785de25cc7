using Streams.Scoring.Learning;

namespace Streams.Evaluation.Runs;

/// <summary>A replayed host's rolling history in memory: the live scorer keeps the same slots in a state store.</summary>
internal sealed class RingHistory(int slots) : IHistoryStore
{
    private readonly HistoryRow?[] rows = new HistoryRow?[slots];

    public HistoryRow? Read(int slot) => rows[slot];

    public void Write(int slot, HistoryRow row) => rows[slot] = row;
}
