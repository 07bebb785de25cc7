using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Streams.Platform.Security;

namespace Streams.Collectors.Zabbix.MediaType;

/// <summary>
/// The shared secret a Zabbix webhook media type sends with each event: <c>Zabbix:WebhookToken</c>,
/// else one generated at the first start and kept in <c>Zabbix:WebhookTokenFile</c> (0600), like
/// the API's first admin key. Problems become series and log events, which rules alert on, so
/// the endpoint takes none without it.
/// </summary>
internal sealed partial class ZabbixWebhookSecret
{
    public const string TokenHeader = "X-Streams-Token";

    private readonly string[] _accepted;

    public ZabbixWebhookSecret(IOptions<ZabbixOptions> options, ILogger<ZabbixWebhookSecret> logger)
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.WebhookToken))
        {
            _accepted = [settings.WebhookToken.Trim()];
            return;
        }

        var file = settings.WebhookTokenFile ?? throw new InvalidOperationException("Zabbix:WebhookToken and Zabbix:WebhookTokenFile are both unset.");
        var (token, created) = SecretFile.ReadOrCreate(file);
        if (created)
        {
            LogCreated(logger, file);
        }
        else
        {
            LogRead(logger, file);
        }

        _accepted = [token];
    }

    /// <summary>Whether the request carries the secret as <c>Authorization: Bearer</c> or <see cref="TokenHeader"/>.</summary>
    public bool Accepts(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        var presented = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : request.Headers[TokenHeader].ToString().Trim();
        return SecretComparer.Matches(presented, _accepted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Zabbix webhook secret created and written to {File}; put it in the media type's token parameter or set Zabbix:WebhookToken")]
    private static partial void LogCreated(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Zabbix webhook accepts the secret in {File} (Zabbix:WebhookToken is unset)")]
    private static partial void LogRead(ILogger logger, string file);
}
