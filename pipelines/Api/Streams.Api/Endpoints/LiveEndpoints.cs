using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Api.Http;
using Streams.Api.Live;

namespace Streams.Api.Endpoints;

internal static class LiveEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/live", RunAsync).WithTags("live").ProducesValidationProblem()
            .WithSummary("Live feed (WebSocket)")
            .WithDescription("Upgrade to a WebSocket (key in ?access_token= from a browser). Query: feeds=alerts,anomalies,windows,notifications (default alerts,anomalies); host=web-1&host=db-* (globs); minSeverity; series=cpu.* (globs, windows only). Text frames { type: alert|anomaly|window|notification|dropped, data }. Each client has a bounded queue (Api:LiveQueueCapacity, 1,000): when it falls behind the oldest frames are dropped and a dropped frame says how many. WebSocket pings every 30 s.");

    private static async Task<IResult> RunAsync(HttpContext context, LiveHub hub, IOptions<StreamsApiOptions> options)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return ApiProblems.BadRequest("This route is a WebSocket: connect with ws:// (Upgrade: websocket).");
        }

        var errors = new Dictionary<string, string[]>();
        var filter = LiveFilter.Parse(context.Request.Query, errors);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var client = new LiveClient(filter, options.Value.LiveQueueCapacity);
        hub.Add(client);
        try
        {
            await LiveSession.RunAsync(socket, client, context.RequestAborted);
        }
        finally
        {
            hub.Remove(client);
        }

        return Results.Empty;
    }
}
