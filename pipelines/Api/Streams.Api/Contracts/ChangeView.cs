namespace Streams.Api.Contracts;

/// <summary>One series in "what changed": its anomalies in the window and how much they explained.</summary>
internal sealed record ChangeView(string Series, IReadOnlyList<string> Hosts, long Anomalies, double ShareSum, double MaxScore);
