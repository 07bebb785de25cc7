namespace Streams.Testing;

/// <summary>A Compose service that runs <c>streams run --roles</c>: its name, its roles, and its environment as Compose resolves it.</summary>
public sealed record ComposeRole(string Service, IReadOnlyList<string> Roles, IReadOnlyDictionary<string, string> Environment);
