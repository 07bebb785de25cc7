using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Zabbix.MediaType;

namespace Streams.Collectors.Zabbix;

public static class ZabbixEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> for a Zabbix webhook media type's events
    /// (<see cref="ZabbixEventReceiver"/>): 202 when taken, 401 without the shared secret
    /// (<see cref="ZabbixWebhookSecret"/>), 400 with the reason (and a dead letter) when not an
    /// event, 413 beyond <c>Zabbix:MaxMessageBytes</c>. Needs <c>AddZabbix</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapZabbixEvents(this IEndpointRouteBuilder endpoints, string pattern = "/zabbix/events")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(pattern, async (HttpContext context) =>
        {
            if (!context.RequestServices.GetRequiredService<ZabbixWebhookSecret>().Accepts(context.Request))
            {
                return Results.Problem(
                    $"The webhook's shared secret is required: send 'Authorization: Bearer <secret>' or '{ZabbixWebhookSecret.TokenHeader}: <secret>' (Zabbix:WebhookToken, or the file Zabbix:WebhookTokenFile).",
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Unauthorized");
            }

            var options = context.RequestServices.GetRequiredService<IOptions<ZabbixOptions>>().Value;
            if (context.Request.ContentLength > options.MaxMessageBytes)
            {
                return Results.Problem($"The event is larger than Zabbix:MaxMessageBytes ({options.MaxMessageBytes}).", statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
            var receiver = new ZabbixEventReceiver(context.RequestServices.GetRequiredKeyedService<IInboundSink>(ZabbixServiceCollectionExtensions.SinkKey));
            return receiver.Receive(body.ToArray(), DateTime.UtcNow) is { } refused
                ? Results.Problem(refused, statusCode: StatusCodes.Status400BadRequest, title: "Not a Zabbix media type event")
                : Results.Accepted();
        }).DisableAntiforgery();
    }
}
