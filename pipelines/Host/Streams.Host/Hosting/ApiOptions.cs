namespace Streams.Host.Hosting;

/// <summary>The HTTP port of the host (health now; API and dashboard later), bound from <c>Api</c>.</summary>
internal sealed class ApiOptions
{
    public const string SectionName = "Api";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 8080;

    public Uri Url => new($"http://{Host}:{Port}");
}
