using Streams.Scoring.Learning;

namespace Streams.Topology.Scoring;

/// <summary>
/// What covers one host in the scorer: its phase (learning, change-only, fleet prior, provisional
/// or mature own model, announced model), the model's version and when it was made (null without
/// one), and, for a host that learns, when its next model is due by its windows' times.
/// </summary>
public readonly record struct HostCoverage(string Host, HostPhase Phase, string? ModelVersion, DateTimeOffset? TrainedAt, DateTimeOffset? NextRetrainAt)
{
    /// <summary>The phase as the API, `streams status`, anomalies' <c>model</c> of a cold-start judge and <c>models</c> records name it.</summary>
    public static string Name(HostPhase phase) => phase switch
    {
        HostPhase.Learning => "learning",
        HostPhase.ChangeOnly => "change-only",
        HostPhase.FleetPrior => "fleet-prior",
        HostPhase.Provisional => "provisional",
        HostPhase.Scoring => "own-model",
        HostPhase.Announced => "announced",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Not a host phase."),
    };
}
