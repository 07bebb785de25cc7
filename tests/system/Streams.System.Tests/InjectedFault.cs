namespace Streams.System.Tests;

/// <summary>A fault the test caused: what it did to which process and when, and when that process served again.</summary>
/// <param name="Group">The consumer group of the process's role, whose lag says when the role caught up; null for a role without one (the API).</param>
internal sealed record InjectedFault(string What, string Process, string? Group, TimeSpan At, DateTime AtUtc)
{
    /// <summary>When <c>/readyz</c> answered again, after the restart or the resume.</summary>
    public TimeSpan Ready { get; set; }
}
