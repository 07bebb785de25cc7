namespace Streams.Api.Contracts;

/// <summary>One announced model version, with its evaluation figures.</summary>
internal sealed record ModelView(string Name, string Host, string Version, DateTimeOffset TrainedAt, IReadOnlyDictionary<string, double> Figures, string Kind, double Threshold, string Source, int TrainingRows, DateTimeOffset? TrainedFrom, DateTimeOffset? TrainedTo, bool Current);
