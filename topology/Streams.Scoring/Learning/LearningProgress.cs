namespace Streams.Scoring.Learning;

/// <summary>
/// A host's position in its <see cref="RetrainPolicy"/>: windows recorded so far (the next
/// history index) and how many had been recorded when its current model was trained (0: none yet).
/// </summary>
public readonly record struct LearningProgress(long Seen, long TrainedAt);
