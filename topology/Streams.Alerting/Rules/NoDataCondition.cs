namespace Streams.Alerting.Rules;

/// <summary>Fires for a host whose metric windows stopped for <see cref="After"/>; only hosts seen at least once are watched.</summary>
public sealed record NoDataCondition
{
    public TimeSpan After { get; init; } = TimeSpan.FromMinutes(2);
}
