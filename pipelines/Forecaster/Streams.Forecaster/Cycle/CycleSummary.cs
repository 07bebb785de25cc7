namespace Streams.Forecaster.Cycle;

/// <summary>What one cycle did; <see cref="ResumeAfter"/> is the last host when the series bound cut it short.</summary>
internal sealed record CycleSummary(int Hosts, int Series, int Forecasts, string? ResumeAfter, TimeSpan Elapsed);
