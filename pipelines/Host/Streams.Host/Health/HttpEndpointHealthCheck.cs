using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Streams.Host.Health;

/// <summary>Ready when an HTTP endpoint (Schema Registry, ClickHouse) answers a GET with a success status.</summary>
internal sealed class HttpEndpointHealthCheck(HttpClient http, string what, Func<Uri> url, string path) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Uri target;
        try
        {
            target = new Uri(url(), path);
        }
        catch (InvalidOperationException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var response = await http.GetAsync(target, timeout.Token);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy($"{what} at {target.GetLeftPart(UriPartial.Authority)}")
                : HealthCheckResult.Unhealthy($"{what} at {target} answered {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{what} at {target} did not answer: {ex.Message}");
        }
    }
}
