namespace Streams.Api.Contracts;

/// <summary>How much one series explains an anomaly.</summary>
internal sealed record ContributionView(string Series, double Share, double? Value, double? Expected);
