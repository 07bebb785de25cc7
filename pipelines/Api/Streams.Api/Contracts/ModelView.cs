namespace Streams.Api.Contracts;

/// <summary>One model version, announced or self-trained by a scorer (<c>origin</c>; <c>coverage</c> what the scorer judged the host with), with its evaluation figures.</summary>
internal sealed record ModelView(string Name, string Host, string Version, DateTimeOffset TrainedAt, IReadOnlyDictionary<string, double> Figures, string Kind, double Threshold, string Source, int TrainingRows, DateTimeOffset? TrainedFrom, DateTimeOffset? TrainedTo, bool Current, string Origin, string? Coverage);
