namespace Streams.Api;

/// <summary><c>Api:Cors</c>: origins allowed to call the API from a browser; none means same-origin only.</summary>
internal sealed class ApiCorsOptions
{
    public IList<string> Origins { get; } = [];
}
