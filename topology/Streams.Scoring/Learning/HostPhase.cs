namespace Streams.Scoring.Learning;

/// <summary>Where a host stands in its scorer: what judges its windows now.</summary>
public enum HostPhase
{
    /// <summary>No model yet and nothing to judge it with: the host's windows are only recorded.</summary>
    Learning,

    /// <summary>No model yet: judged by the short-span change detector from its own first windows.</summary>
    ChangeOnly,

    /// <summary>No model yet: judged by the change detector and, on levels, by its group's fleet prior.</summary>
    FleetPrior,

    /// <summary>Scored by a model trained on a short history, with a wider threshold (<see cref="RetrainPolicy.YoungMargin"/>).</summary>
    Provisional,

    /// <summary>Scored by its own model trained on at least <see cref="RetrainPolicy.MatureWindows"/> windows.</summary>
    Scoring,

    /// <summary>Scored by a model announced on the <c>models</c> topic; the scorer does not retrain it.</summary>
    Announced,
}
