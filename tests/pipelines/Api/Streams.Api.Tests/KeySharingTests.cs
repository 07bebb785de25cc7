using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Streams.Api.Auth;

namespace Streams.Api.Tests;

/// <summary>Several API instances on one broker share their keys through the api-keys topic, with no shared directory.</summary>
[Collection(ApiGroup.Name)]
public sealed class KeySharingTests(ApiFixture fixture) : IDisposable
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(5);
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "streams-api-keys-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Key_CreatedOnOneInstance_AuthenticatesOnAnother()
    {
        await using var other = await StartAsync();
        var (_, key) = await CreateKeyAsync("carol", "viewer");

        using var client = fixture.Client(key, new Uri(other.Urls.First()));
        await EventuallyAsync(client, HttpStatusCode.OK);
        await other.StopAsync();
    }

    [Fact]
    public async Task Key_RevokedOnOneInstance_IsRefusedOnAnother()
    {
        await using var other = await StartAsync();
        var (id, key) = await CreateKeyAsync("dave", "operator");
        using var client = fixture.Client(key, new Uri(other.Urls.First()));
        await EventuallyAsync(client, HttpStatusCode.OK);

        using var admin = fixture.Client(fixture.AdminKey);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(new Uri("/api/keys/" + id, UriKind.Relative))).StatusCode);

        await EventuallyAsync(client, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(id, KeyTopic.Read(fixture.Platform.Kafka.BootstrapServers).Keys);
        await other.StopAsync();
    }

    [Fact]
    public async Task Instance_Restarted_ReadsTheKeysBackAndMakesNoSecondAdminKey()
    {
        string key;
        await using (var first = await StartAsync())
        {
            using var admin = fixture.Client(fixture.AdminKey, new Uri(first.Urls.First()));
            var created = await Problems.JsonAsync(await admin.PostAsJsonAsync("/api/keys", new { name = "erin", role = "viewer" }), HttpStatusCode.Created);
            key = created.GetProperty("key").GetString()!;
            await first.StopAsync();
        }

        await using var restarted = await StartAsync();
        using var client = fixture.Client(key, new Uri(restarted.Urls.First()));
        // The start waits until the topic is read, so no polling here.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/rules", UriKind.Relative))).StatusCode);
        Assert.False(File.Exists(Path.Combine(dataDir, AdminKeyBootstrap.FileName)), "the topic already has an admin key");
        await restarted.StopAsync();
    }

    [Fact]
    public async Task KeyFile_FromAnOlderVersion_IsImportedOnceAndWorksEverywhere()
    {
        const string key = ApiKeyStore.KeyPrefix + "from-the-old-file";
        var id = "old-" + Guid.NewGuid().ToString("N")[..8];
        var record = new ApiKeyRecord(id, "frank", ApiRoles.Viewer, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), DateTimeOffset.UtcNow);
        Directory.CreateDirectory(dataDir);
        await File.WriteAllTextAsync(Path.Combine(dataDir, LegacyKeyFile.FileName), JsonSerializer.Serialize(new[] { record }, ApiKeyBook.Json));

        await using var upgraded = await StartAsync();
        using var onUpgraded = fixture.Client(key, new Uri(upgraded.Urls.First()));
        Assert.Equal(HttpStatusCode.OK, (await onUpgraded.GetAsync(new Uri("/api/rules", UriKind.Relative))).StatusCode);
        Assert.False(File.Exists(Path.Combine(dataDir, LegacyKeyFile.FileName)));
        Assert.True(File.Exists(Path.Combine(dataDir, LegacyKeyFile.FileName + LegacyKeyFile.ImportedSuffix)));

        using var onFixture = fixture.Client(key);
        await EventuallyAsync(onFixture, HttpStatusCode.OK);
        Assert.DoesNotContain(key, KeyTopic.Read(fixture.Platform.Kafka.BootstrapServers)[id], StringComparison.Ordinal);
        await upgraded.StopAsync();
    }

    public void Dispose()
    {
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task EventuallyAsync(HttpClient client, HttpStatusCode expected)
    {
        var waited = Stopwatch.StartNew();
        HttpStatusCode status;
        while ((status = (await client.GetAsync(new Uri("/api/rules", UriKind.Relative))).StatusCode) != expected && waited.Elapsed < Propagation)
        {
            await Task.Delay(50);
        }

        Assert.True(status == expected, $"still {(int)status} after {waited.Elapsed.TotalSeconds:0.0} s, expected {(int)expected}");
    }

    /// <summary>Another instance with a directory of its own: nothing shared with the fixture's but the broker.</summary>
    private Task<WebApplication> StartAsync() =>
        fixture.StartApiAsync(new Dictionary<string, string?> { ["Api:DataDir"] = dataDir });

    /// <summary>Creates a key through the fixture's instance.</summary>
    private async Task<(string Id, string Key)> CreateKeyAsync(string name, string role)
    {
        using var admin = fixture.Client(fixture.AdminKey);
        var created = await Problems.JsonAsync(await admin.PostAsJsonAsync("/api/keys", new { name, role }), HttpStatusCode.Created);
        return (created.GetProperty("id").GetString()!, created.GetProperty("key").GetString()!);
    }
}
