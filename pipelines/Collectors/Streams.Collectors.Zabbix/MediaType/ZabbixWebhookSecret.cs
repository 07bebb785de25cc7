using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Platform.Security;

namespace Streams.Collectors.Zabbix.MediaType;

/// <summary>
/// The shared secret a Zabbix webhook media type sends with each event: <c>Zabbix:WebhookToken</c>,
/// else one generated at the first start and kept in <c>Zabbix:WebhookTokenFile</c> (0600).
/// Problems become series and log events, which rules alert on, so the endpoint takes none
/// without it.
/// </summary>
internal sealed class ZabbixWebhookSecret(IOptions<ZabbixOptions> options, ILogger<ZabbixWebhookSecret> logger)
{
    public const string TokenHeader = BearerSecret.TokenHeader;

    private readonly BearerSecret secret = BearerSecret.Load(options.Value.WebhookToken, options.Value.WebhookTokenFile, "Zabbix:WebhookToken", logger);

    public bool Accepts(HttpRequest request) => secret.Accepts(request);
}
