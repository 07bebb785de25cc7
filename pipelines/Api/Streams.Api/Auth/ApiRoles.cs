namespace Streams.Api.Auth;

/// <summary>The roles of API keys, each including the rights of the one before: viewer reads, operator also acknowledges and silences, admin also configures.</summary>
public static class ApiRoles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Viewer, Operator, Admin];

    /// <summary>The roles that satisfy <paramref name="role"/>: itself and the stronger ones.</summary>
    public static string[] AtLeast(string role) => [.. All.SkipWhile(r => r != role)];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);
}
