using Streams.Platform.Security;

namespace Streams.Api;

/// <summary>The <c>Api</c> configuration section (the host binds <c>Api:Host</c>/<c>Port</c> from it too).</summary>
internal sealed class StreamsApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Where the API writes the first admin key (keys themselves are in the <c>api-keys</c> topic); a <c>keys.json</c> from older versions here is imported once.</summary>
    public string DataDir { get; set; } = StreamsDataDirectory.DefaultPath("Api:DataDir");

    public ApiAuthOptions Auth { get; set; } = new();

    public ApiCorsOptions Cors { get; set; } = new();

    public ApiRateLimitOptions RateLimit { get; set; } = new();

    public ApiSqlOptions Sql { get; set; } = new();

    /// <summary>Messages a WebSocket client may have waiting; beyond it the oldest are dropped and the client is told how many.</summary>
    public int LiveQueueCapacity { get; set; } = 1000;

    /// <summary>Largest request body accepted by the JSON endpoints (rules, preferences, SQL): they are small documents.</summary>
    public long MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>How long the start waits for alert-rules and models to be read before answering with what it has; for api-keys, how often a start still reading it logs so (it waits until read).</summary>
    public TimeSpan ConfigCatchUpTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
