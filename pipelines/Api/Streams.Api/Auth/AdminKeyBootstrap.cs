using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Platform.Security;

namespace Streams.Api.Auth;

/// <summary>
/// When <c>api-keys</c> holds no admin key, creates one and writes it to
/// <c>&lt;DataDir&gt;/admin.key</c> (0600): nobody could call the admin routes to create one
/// otherwise. Runs after <see cref="ApiKeyStore"/> has read the topic to its end. Two instances
/// starting on an empty topic at the same moment both see no admin key and both make one: both
/// keys are valid, each is logged by id, and an admin deletes the spare with DELETE /api/keys/{id}.
/// </summary>
internal sealed partial class AdminKeyBootstrap(ApiKeyStore keys, ILogger<AdminKeyBootstrap> logger) : IHostedService
{
    public const string FileName = StreamsDataDirectory.AdminKeyFileName;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (keys.All.Any(k => k.Role == ApiRoles.Admin))
        {
            return;
        }

        var (record, key) = await keys.CreateAsync("admin", ApiRoles.Admin, cancellationToken);
        Directory.CreateDirectory(keys.DataDir);
        var file = Path.Combine(keys.DataDir, FileName);
        SecretFile.WritePrivate(file, key + "\n");
        LogWritten(record.Id, file);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "API admin key {Id} created and written to {File}; create personal keys with POST /api/keys and delete that file")]
    private partial void LogWritten(string id, string file);
}
