using System.Data.Common;

namespace Streams.Platform.ClickHouse;

/// <summary>Resolves the endpoint: the embedded server once started, or the configured server.</summary>
internal sealed class ClickHouseEndpoint(ClickHouseOptions options, EmbeddedClickHouseAccessor? embedded) : IClickHouseEndpoint
{
    public Uri Url => embedded is null
        ? new Uri(options.Url!)
        : embedded.Server?.Url ?? throw new InvalidOperationException("The embedded ClickHouse has not started yet.");

    public string ConnectionString
    {
        get
        {
            var url = Url;
            var builder = new DbConnectionStringBuilder
            {
                ["Host"] = url.Host,
                ["Port"] = url.Port,
                ["Protocol"] = url.Scheme,
                ["Database"] = options.Database,
            };
            if (!string.IsNullOrEmpty(options.Username))
            {
                builder["Username"] = options.Username;
                builder["Password"] = options.Password ?? string.Empty;
            }

            return builder.ConnectionString;
        }
    }

    public bool IsEmbedded => embedded is not null;
}
