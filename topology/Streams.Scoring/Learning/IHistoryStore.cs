namespace Streams.Scoring.Learning;

/// <summary>
/// Where one host's rolling history lives, slot by slot (<see cref="RetrainPolicy.Slot"/>): a
/// state store in the live scorer, an array in the evaluation's replay.
/// </summary>
public interface IHistoryStore
{
    HistoryRow? Read(int slot);

    void Write(int slot, HistoryRow row);
}
