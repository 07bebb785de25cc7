namespace Streams.Alerting.Rules;

/// <summary>Which time to exhaustion a forecast rule judges.</summary>
public enum ForecastBound
{
    /// <summary>When the expected value reaches the limit.</summary>
    Expected,

    /// <summary>When the band's bound on the limit's side (the upper bound of a rising resource) reaches it: earlier, so a warning comes sooner.</summary>
    Upper,
}
