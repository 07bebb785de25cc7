namespace Streams.Notifier.Channels;

/// <summary>
/// Lets only http and https requests through to the guarded handler, and surfaces a refusal of
/// <see cref="TargetGuard"/> as the <see cref="TargetRefusedException"/> it is, instead of the
/// <see cref="HttpRequestException"/> the handler wraps it in, so the delivery is not retried and
/// the audit says why.
/// </summary>
internal sealed class TargetGuardHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { IsAbsoluteUri: true } uri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new TargetRefusedException($"'{request.RequestUri}' is not an absolute http or https URL");
        }

        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is TargetRefusedException refused)
        {
            throw refused;
        }
    }
}
