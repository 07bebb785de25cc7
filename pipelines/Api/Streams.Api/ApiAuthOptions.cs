namespace Streams.Api;

/// <summary><c>Api:Auth</c>: API keys on or off (off = every caller is an admin, for a laptop behind loopback only).</summary>
internal sealed class ApiAuthOptions
{
    public bool Enabled { get; set; } = true;
}
