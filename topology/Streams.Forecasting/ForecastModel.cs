namespace Streams.Forecasting;

/// <summary>Which model produced a forecast.</summary>
internal enum ForecastModel
{
    /// <summary>Least-squares line over the history, as Prometheus <c>predict_linear</c>.</summary>
    Linear,

    /// <summary>Holt's additive damped trend, no season (ETS(A,Ad,N)).</summary>
    DampedTrend,

    /// <summary>Holt-Winters additive season with damped trend (ETS(A,Ad,A)).</summary>
    HoltWinters,
}
