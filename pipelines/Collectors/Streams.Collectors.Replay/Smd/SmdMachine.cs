namespace Streams.Collectors.Replay.Smd;

/// <summary>One SMD machine: train and test matrices (row-major, <see cref="Dimension"/> columns), test labels and interpretation labels.</summary>
internal sealed record SmdMachine(string Name, int Dimension, double[] Train, double[] Test, bool[] Labels, IReadOnlyList<SmdSegment> Interpretation)
{
    public int TestRows => Test.Length / Dimension;
}
