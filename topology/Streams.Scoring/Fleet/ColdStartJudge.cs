namespace Streams.Scoring.Fleet;

/// <summary>What judges a host that has no model of its own yet.</summary>
public enum ColdStartJudge
{
    /// <summary>The short-span change detector only: the host's group has too few trained peers.</summary>
    ChangeOnly,

    /// <summary>The change detector and the fleet prior on levels.</summary>
    FleetPrior,
}
