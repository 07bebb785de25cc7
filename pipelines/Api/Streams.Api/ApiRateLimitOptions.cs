namespace Streams.Api;

/// <summary><c>Api:RateLimit</c>: a fixed window per API key (per client address without one).</summary>
internal sealed class ApiRateLimitOptions
{
    public int PermitLimit { get; set; } = 600;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
