namespace Streams.Deployment.Tests.RealKafka;

/// <summary>A fact that needs a Docker engine: skipped, with the reason in the test output, where none answers; never failed for that.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (DockerEngine.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
