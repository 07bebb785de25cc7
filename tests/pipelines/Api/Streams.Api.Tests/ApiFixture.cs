using System.Net.Http.Headers;
using System.Reflection;
using ClickHouse.Driver;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Streams.Api.Auth;
using Streams.Api.Config;
using Streams.Api.Data;
using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Testing;

namespace Streams.Api.Tests;

/// <summary>
/// The embedded Kafka, Schema Registry and ClickHouse (migrated) on free ports, and the API on
/// a real Kestrel on 127.0.0.1 with a viewer, an operator and the bootstrapped admin key.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "streams-api-tests-" + Guid.NewGuid().ToString("N"));
    private EmbeddedClickHouseServer? clickHouse;
    private WebApplication? app;

    public StreamizTestPlatform Platform { get; private set; } = null!;

    public ClickHouseClient ClickHouse { get; private set; } = null!;

    public Uri BaseUrl { get; private set; } = null!;

    public string DataDir => Path.Combine(dataPath, "api");

    public string AdminKey { get; private set; } = string.Empty;

    public string OperatorKey { get; private set; } = string.Empty;

    public string ViewerKey { get; private set; } = string.Empty;

    internal TestEndpoints Endpoints { get; private set; } = null!;

    /// <summary>The analyst SQL checks of the running API, against the embedded ClickHouse.</summary>
    internal SqlRunner Sql => app!.Services.GetRequiredService<SqlRunner>();

    public async Task InitializeAsync()
    {
        Platform = await StreamizTestPlatform.StartAsync();
        clickHouse = await EmbeddedClickHouseServer.StartAsync(new EmbeddedClickHouseOptions { Port = 0, DataPath = Path.Combine(dataPath, "clickhouse") });
        const string database = "api_tests";
        using (var root = new ClickHouseClient(clickHouse.ConnectionString + ";Compression=false"))
        {
            await root.ExecuteNonQueryAsync($"CREATE DATABASE {database}");
        }

        ClickHouse = new ClickHouseClient(clickHouse.ConnectionString + $";Database={database};Compression=false");
        await MigrateAsync(ClickHouse);
        Endpoints = new TestEndpoints(Platform.Kafka.BootstrapServers, Platform.Registry.Url, clickHouse.Url, database);
        app = await StartApiAsync(new Dictionary<string, string?> { ["Api:DataDir"] = DataDir });
        BaseUrl = new Uri(app.Urls.First());
        AdminKey = (await File.ReadAllTextAsync(Path.Combine(DataDir, AdminKeyBootstrap.FileName))).Trim();
        var store = app.Services.GetRequiredService<ApiKeyStore>();
        OperatorKey = (await store.CreateAsync("olga", ApiRoles.Operator)).Key;
        ViewerKey = (await store.CreateAsync("victor", ApiRoles.Viewer)).Key;
        await app.Services.GetRequiredService<ApiConfig>().CaughtUp.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Another API instance on the same platform (so the same api-keys topic), e.g. with other settings or services; the caller disposes it.</summary>
    internal async Task<WebApplication> StartApiAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IKafkaEndpoint>(Endpoints);
        builder.Services.AddSingleton<ISchemaRegistryEndpoint>(Endpoints);
        builder.Services.AddSingleton<IClickHouseEndpoint>(Endpoints);
        builder.Services.AddApi(builder.Configuration);
        services?.Invoke(builder.Services);
        var started = builder.Build();
        started.MapStreamsApi();
        await started.StartAsync();
        return started;
    }

    public HttpClient Client(string? key = null, Uri? baseUrl = null)
    {
        var client = new HttpClient { BaseAddress = baseUrl ?? BaseUrl };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        ClickHouse?.Dispose();
        if (clickHouse is not null)
        {
            await clickHouse.DisposeAsync();
        }

        if (Platform is not null)
        {
            await Platform.DisposeAsync();
        }

        if (Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static async Task MigrateAsync(ClickHouseClient client)
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("migrations.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var lines = (await reader.ReadToEndAsync()).Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal));
            foreach (var statement in string.Join('\n', lines).Split(';').Select(s => s.Trim()).Where(s => s.Length > 0))
            {
                await client.ExecuteNonQueryAsync(statement);
            }
        }
    }
}
