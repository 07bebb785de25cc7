using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Streams.Platform.Security;

namespace Streams.Platform.Kafka;

/// <summary>
/// Creates topics through the <c>streams</c> process that runs the embedded broker
/// (<c>POST /platform/kafka/topics</c>, admin API key): a stage in another process, e.g.
/// <c>streams run --roles processor</c>, cannot reach the broker's in-process topic API.
/// <paramref name="apiKey"/> is asked at each call, so a key file written after this process
/// started (the platform's first admin key) is used as soon as it exists.
/// </summary>
public sealed class RemoteTopicCreator(HttpClient http, Uri platform, Func<string?> apiKey) : ITopicCreator
{
    public const string Path = "/platform/kafka/topics";

    /// <summary>The configured key, else the first line of <paramref name="keyFile"/> when it exists.</summary>
    public static Func<string?> KeyFrom(string? key, string? keyFile) =>
        () => string.IsNullOrWhiteSpace(key) ? SecretFile.TryRead(keyFile) : key.Trim();

    /// <summary>
    /// For a one-shot tool without the configuration system (<c>streams simulate</c>): the same
    /// settings as environment variables (<c>STREAMS_Kafka__PlatformApiKey</c>,
    /// <c>STREAMS_Kafka__PlatformApiKeyFile</c>), else the admin key file of a <c>streams up</c>
    /// started with the default data directory.
    /// </summary>
    public static Func<string?> KeyFromEnvironment() => KeyFrom(
        Environment.GetEnvironmentVariable("STREAMS_Kafka__PlatformApiKey"),
        Environment.GetEnvironmentVariable("STREAMS_Kafka__PlatformApiKeyFile") is { Length: > 0 } file ? file : StreamsDataDirectory.DefaultAdminKeyFile);

    public void CreateTopic(string name, int partitions)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform, Path))
        {
            Content = JsonContent.Create(new TopicRequest(name, partitions)),
        };
        if (apiKey() is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = http.Send(request);
        if (!response.IsSuccessStatusCode)
        {
            using var reader = new StreamReader(response.Content.ReadAsStream());
            var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? " Give an admin API key of that platform in Kafka:PlatformApiKey or Kafka:PlatformApiKeyFile."
                : "";
            throw new InvalidOperationException(
                $"The platform at {platform} refused to create topic '{name}' ({(int)response.StatusCode}): {reader.ReadToEnd()}{hint}");
        }
    }
}
