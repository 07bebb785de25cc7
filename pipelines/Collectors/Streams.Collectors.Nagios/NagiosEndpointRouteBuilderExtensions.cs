using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Collectors.Nagios.Nrdp;

namespace Streams.Collectors.Nagios;

public static class NagiosEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps an NRDP-compatible endpoint at <paramref name="pattern"/>: <c>token</c>, <c>cmd=submitcheck</c>
    /// and <c>XMLDATA</c> or <c>JSONDATA</c>, as a form post (what send_nrdp.sh/.py and NSClient++ send)
    /// or a query string. Answers NRDP's <c>&lt;result&gt;</c> (JSON for JSONDATA): 200 with status 0,
    /// or status -1 with 400 (bad data, dead-lettered), 403 (bad token) or 413. Needs <c>AddNagios</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapNagiosNrdp(this IEndpointRouteBuilder endpoints, string pattern = "/nrdp/")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Post], HandleAsync).DisableAntiforgery();
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<NagiosOptions>>().Value;
        var receiver = context.RequestServices.GetRequiredService<NrdpReceiver>();
        var request = context.Request;
        NrdpResponse response;
        var json = false;
        if (request.ContentLength > options.MaxRequestBytes)
        {
            response = NrdpResponse.Error(StatusCodes.Status413PayloadTooLarge, $"the request is larger than Nagios:MaxRequestBytes ({options.MaxRequestBytes})");
        }
        else
        {
            var form = request.HasFormContentType ? await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false) : null;
            string? Field(string name) => form?[name] is { Count: > 0 } value ? value.ToString() : request.Query[name] is { Count: > 0 } query ? query.ToString() : null;
            var jsonData = Field("JSONDATA");
            json = !string.IsNullOrWhiteSpace(jsonData);
            response = receiver.Submit(Field("token"), Field("cmd"), Field("XMLDATA"), jsonData);
        }

        var (contentType, body) = response.Render(json);
        context.Response.StatusCode = response.HttpStatus;
        context.Response.ContentType = contentType + "; charset=utf-8";
        await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
