using System.Net;

namespace Streams.Notifier.Channels;

/// <summary>What the HTTP channels share: a response is accepted (2xx), worth retrying (408, 429, 5xx) or refused (redirects included: they are not followed).</summary>
internal static class HttpDelivery
{
    /// <summary>
    /// The header of the IETF draft <c>draft-ietf-httpapi-idempotency-key-header</c>, its value a
    /// structured-field string: a receiver that keeps the keys it has seen takes a delivery the
    /// notifier made again after a crash only once.
    /// </summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static void AddIdempotencyKey(HttpRequestMessage request, NotificationMessage message)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(message);
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, $"\"{message.DeliveryId}\"");
    }

    public static async Task EnsureAcceptedAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        if ((int)response.StatusCode is >= 300 and < 400)
        {
            throw new PermanentDeliveryException($"{what} answered {(int)response.StatusCode} {response.ReasonPhrase} to {response.Headers.Location}: redirects are not followed, set the channel's URL to where it should post");
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var message = $"{what} answered {(int)response.StatusCode} {response.ReasonPhrase}: {body[..Math.Min(body.Length, 200)]}";
        if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
        {
            throw new HttpRequestException(message, null, response.StatusCode);
        }

        throw new PermanentDeliveryException(message);
    }
}
