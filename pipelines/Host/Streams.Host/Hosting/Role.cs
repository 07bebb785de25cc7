using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Streams.Host.Hosting;

/// <summary>A unit of work the host can run: its services, registered by one <c>AddXxx()</c> call.</summary>
/// <param name="ConsumerGroups">The Kafka consumer groups the role reads with, for lag in <c>streams status</c>.</param>
internal sealed record Role(
    string Name,
    string Description,
    Action<IServiceCollection, IConfiguration> Register,
    IReadOnlyList<string> ConsumerGroups);
