namespace Streams.Host.Hosting;

/// <summary>The roles this process runs, as reported by <c>/readyz</c> and <c>streams status</c>.</summary>
internal sealed record RunningRoles(IReadOnlyList<string> Names);
