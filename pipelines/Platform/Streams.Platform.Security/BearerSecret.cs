using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Streams.Platform.Security;

/// <summary>
/// The shared secret an ingestion endpoint takes with each request: the configured one, else one
/// generated at the first start and kept in a file (0600), like the API's first admin key. Sent
/// as <c>Authorization: Bearer</c> (what Prometheus' <c>authorization.credentials_file</c> and
/// most webhook senders do) or <see cref="TokenHeader"/>.
/// </summary>
public sealed partial class BearerSecret
{
    public const string TokenHeader = "X-Streams-Token";

    private readonly string[] accepted;

    private BearerSecret(string secret) => accepted = [secret];

    /// <summary><paramref name="configured"/> when set, else the secret in <paramref name="file"/> (made if absent); <paramref name="setting"/> names the configuration key for the log.</summary>
    public static BearerSecret Load(string? configured, string? file, string setting, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new BearerSecret(configured.Trim());
        }

        if (string.IsNullOrWhiteSpace(file))
        {
            throw new InvalidOperationException($"{setting} and its token file are both unset.");
        }

        var (secret, created) = SecretFile.ReadOrCreate(file);
        if (created)
        {
            LogCreated(logger, file, setting);
        }
        else
        {
            LogRead(logger, file, setting);
        }

        return new BearerSecret(secret);
    }

    /// <summary>Whether the request carries the secret as <c>Authorization: Bearer</c> or <see cref="TokenHeader"/>.</summary>
    public bool Accepts(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        var presented = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : request.Headers[TokenHeader].ToString().Trim();
        return SecretComparer.Matches(presented, accepted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared secret created and written to {File}; give it to the sender or set {Setting}")]
    private static partial void LogCreated(ILogger logger, string file, string setting);

    [LoggerMessage(Level = LogLevel.Information, Message = "Accepting the shared secret in {File} ({Setting} is unset)")]
    private static partial void LogRead(ILogger logger, string file, string setting);
}
