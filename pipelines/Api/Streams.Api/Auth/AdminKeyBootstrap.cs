using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Streams.Api.Auth;

/// <summary>At the first start (no keys yet) creates an admin key and writes it to <c>&lt;DataDir&gt;/admin.key</c> (0600): nobody could call the admin routes to create one otherwise.</summary>
internal sealed partial class AdminKeyBootstrap(ApiKeyStore keys, ILogger<AdminKeyBootstrap> logger) : IHostedService
{
    public const string FileName = "admin.key";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (keys.All.Count == 0)
        {
            var (_, key) = keys.Create("admin", ApiRoles.Admin);
            var file = Path.Combine(keys.DataDir, FileName);
            ApiKeyStore.WritePrivate(file, key + "\n");
            LogWritten(file);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "API admin key written to {File}; create personal keys with POST /api/keys and delete that file")]
    private partial void LogWritten(string file);
}
