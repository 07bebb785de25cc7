namespace Streams.Forecasting.Numerics;

/// <summary>
/// The log-odds of a share in [0, 1], squeezed so 0 and 1 stay finite: z = logit(ε + (1 − 2ε) y),
/// back y = (σ(z) − ε) / (1 − 2ε) clamped to [0, 1] (the squeeze of Smithson &amp; Verkuilen,
/// <i>A better lemon squeezer?</i>, Psychological Methods 11, 2006). An additive change in z moves a
/// share in the middle most and one near a bound least, as demand that outgrows a capacity does: the
/// swing of a share flattens against 100 % instead of passing it, and a forecast in z never leaves
/// [0, 1]. The transform is monotone, so quantiles (a band's bounds) map to quantiles.
/// </summary>
internal static class LogOdds
{
    /// <summary>
    /// Half a percentage point: shares are read in whole percents, and 99.5 % reads as 100 %. A share
    /// at the bound maps to logit(0.995) = ln 199, and that maps back to exactly 1, so a forecast that
    /// reaches the bound in z reaches the limit 1.
    /// </summary>
    public const double Squeeze = 0.005;

    public static double FromShare(double share)
    {
        var squeezed = Squeeze + ((1 - (2 * Squeeze)) * Math.Clamp(share, 0, 1));
        return Math.Log(squeezed / (1 - squeezed));
    }

    public static double ToShare(double logOdds) => Math.Clamp(((1 / (1 + Math.Exp(-logOdds))) - Squeeze) / (1 - (2 * Squeeze)), 0, 1);

    /// <summary>d share / d log-odds at <paramref name="logOdds"/>: σ(z)(1 − σ(z)) / (1 − 2ε).</summary>
    public static double ShareSlope(double logOdds)
    {
        var p = 1 / (1 + Math.Exp(-logOdds));
        return p * (1 - p) / (1 - (2 * Squeeze));
    }

    /// <summary>Each share's log-odds; NaN (a gap) stays NaN.</summary>
    public static double[] FromShares(ReadOnlySpan<double> shares)
    {
        var logOdds = new double[shares.Length];
        for (var i = 0; i < shares.Length; i++)
        {
            logOdds[i] = double.IsNaN(shares[i]) ? double.NaN : FromShare(shares[i]);
        }

        return logOdds;
    }
}
