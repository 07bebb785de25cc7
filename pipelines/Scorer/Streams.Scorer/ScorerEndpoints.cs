using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Streams.Scorer;

public static class ScorerEndpoints
{
    /// <summary>
    /// Maps <c>GET /scorer/hosts</c>, so `streams status` can say which hosts have no model yet
    /// ("learning") and which are scored, and by what; 404 with a problem body where the role does not run.
    /// Host names are inventory: the host requires a viewer API key on it.
    /// </summary>
    public static IEndpointConventionBuilder MapScorerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(ScorerHosts.Path, (IServiceProvider services) =>
            services.GetService<ScorerService>() is { } scorer
                ? Results.Ok(new ScorerHosts(scorer.Status.Hosts(scored: false), scorer.Status.Hosts(scored: true), scorer.Models.Count, scorer.Status.WindowsScored, scorer.Status.Anomalies)
                {
                    Coverage = [.. scorer.Status.Coverage().Select(ScorerCoverage.Of)],
                })
                : Results.Problem("The scorer role does not run in this process.", statusCode: StatusCodes.Status404NotFound));
    }
}
