using System.Net.Http.Json;

namespace Streams.Platform.Kafka;

/// <summary>
/// Creates topics through the <c>streams</c> process that runs the embedded broker
/// (<c>POST /platform/kafka/topics</c>): a stage in another process, e.g.
/// <c>streams run --roles processor</c>, cannot reach the broker's in-process topic API.
/// </summary>
public sealed class RemoteTopicCreator(HttpClient http, Uri platform) : ITopicCreator
{
    public const string Path = "/platform/kafka/topics";

    public void CreateTopic(string name, int partitions)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform, Path))
        {
            Content = JsonContent.Create(new TopicRequest(name, partitions)),
        };
        using var response = http.Send(request);
        if (!response.IsSuccessStatusCode)
        {
            using var reader = new StreamReader(response.Content.ReadAsStream());
            throw new InvalidOperationException(
                $"The platform at {platform} refused to create topic '{name}' ({(int)response.StatusCode}): {reader.ReadToEnd()}");
        }
    }
}
