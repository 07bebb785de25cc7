namespace Streams.Alerting.Lifecycle;

/// <summary>What one observation says about a rule's condition for one alert.</summary>
public enum Verdict
{
    /// <summary>The condition holds.</summary>
    Match,

    /// <summary>It does not hold and, for a firing alert, is past the clear value.</summary>
    Clear,

    /// <summary>Between the threshold and the clear value: no change either way.</summary>
    Hold,
}
