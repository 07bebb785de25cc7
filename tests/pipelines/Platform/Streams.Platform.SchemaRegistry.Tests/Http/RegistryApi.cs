using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Streams.Platform.SchemaRegistry.Tests.Storage;

namespace Streams.Platform.SchemaRegistry.Tests.Http;

/// <summary>An embedded registry over an in-memory log on a free port, with a raw HTTP client speaking Confluent's content type.</summary>
internal sealed class RegistryApi : IAsyncDisposable
{
    public const string ContentType = "application/vnd.schemaregistry.v1+json";

    private RegistryApi(EmbeddedSchemaRegistry registry, InMemorySchemaStore store)
    {
        Registry = registry;
        Store = store;
        Http = new HttpClient { BaseAddress = registry.Url };
    }

    public EmbeddedSchemaRegistry Registry { get; }

    public InMemorySchemaStore Store { get; }

    public HttpClient Http { get; }

    public static async Task<RegistryApi> StartAsync(InMemorySchemaStore? store = null)
    {
        store ??= new InMemorySchemaStore();
        var registry = await EmbeddedSchemaRegistry.StartAsync(new EmbeddedSchemaRegistryOptions { Port = 0 }, store, null, CancellationToken.None);
        return new RegistryApi(registry, store);
    }

    public static string SchemaBody(string schema, string? schemaType = null)
    {
        var body = new JsonObject { ["schema"] = schema };
        if (schemaType is not null)
        {
            body["schemaType"] = schemaType;
        }

        return body.ToJsonString();
    }

    public Task<(int Status, JsonNode? Body)> PostAsync(string path, string body) => SendAsync(HttpMethod.Post, path, body);

    public Task<(int Status, JsonNode? Body)> PutAsync(string path, string body) => SendAsync(HttpMethod.Put, path, body);

    public Task<(int Status, JsonNode? Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<(int Status, JsonNode? Body)> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public async Task<int> RegisterAsync(string subject, string schema)
    {
        var (status, body) = await PostAsync($"/subjects/{subject}/versions", SchemaBody(schema));
        Assert.True(status == 200, $"register returned {status}: {body?.ToJsonString()}");
        return (int)body!["id"]!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Registry.DisposeAsync();
    }

    private async Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        }

        using var response = await Http.SendAsync(request);
        Assert.Equal(ContentType, response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text));
    }
}
