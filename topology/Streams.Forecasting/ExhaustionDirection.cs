namespace Streams.Forecasting;

/// <summary>Which way a resource runs out.</summary>
internal enum ExhaustionDirection
{
    /// <summary>The value rises to the limit (used %, used bytes).</summary>
    Rising,

    /// <summary>The value falls to the limit (free bytes, available memory).</summary>
    Falling,
}
