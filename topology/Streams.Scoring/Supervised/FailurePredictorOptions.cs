namespace Streams.Scoring.Supervised;

/// <summary>Settings of the supervised failure predictor (ML.NET FastTree, binary).</summary>
public sealed record FailurePredictorOptions
{
    /// <summary>Windows ahead: a window is positive when an incident is under way in it or starts within this many windows after it.</summary>
    public int Horizon { get; init; } = 10;

    public int Trees { get; init; } = 50;

    public int Leaves { get; init; } = 16;

    public int MinimumExamplesPerLeaf { get; init; } = 20;

    public double LearningRate { get; init; } = 0.2;

    /// <summary>Probability from which a window is predicted positive.</summary>
    public double Threshold { get; init; } = 0.5;

    public int Seed { get; init; } = 42;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Horizon);
        ArgumentOutOfRangeException.ThrowIfLessThan(Trees, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Leaves, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumExamplesPerLeaf, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LearningRate, 0.0);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Threshold, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(Threshold, 1.0);
    }
}
