namespace Streams.Api.Contracts;

/// <summary>
/// What covers one host, as the models topic says: <c>announced</c> (a <c>streams train</c>
/// model, which takes precedence), else the scorer's own record: <c>learning</c>,
/// <c>change-only</c>, <c>fleet-prior</c> (no model of its own yet), <c>provisional</c> or
/// <c>own-model</c>. Model, version, training time and age only with a model; next retrain is
/// when the scorer's schedule makes the next (or first) model due, by the host's window times.
/// </summary>
internal sealed record ModelCoverageView(
    string Host,
    string CoveredBy,
    string? Model,
    string? Version,
    DateTimeOffset? TrainedAt,
    double? AgeSeconds,
    DateTimeOffset? NextRetrainAt,
    long? WindowsSeen,
    int TrainingRows,
    string? Group,
    bool SelfTrainedModel);
