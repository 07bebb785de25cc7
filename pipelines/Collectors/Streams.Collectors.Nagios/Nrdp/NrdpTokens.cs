using Microsoft.Extensions.Logging;
using Streams.Platform.Security;

namespace Streams.Collectors.Nagios.Nrdp;

/// <summary>
/// The tokens NRDP accepts. There is no "any token": check results become metrics, host states
/// and so alerts, so an unconfigured endpoint gets a random token of its own at the first start,
/// kept in <see cref="NagiosOptions.TokenFile"/> for the next ones, like the API's first admin key.
/// </summary>
internal static partial class NrdpTokens
{
    public static IReadOnlyList<string> Resolve(NagiosOptions options, ILogger logger)
    {
        var configured = options.Tokens.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        if (configured.Count > 0)
        {
            return configured;
        }

        var file = options.TokenFile ?? throw new InvalidOperationException("Nagios:Tokens is empty and Nagios:TokenFile is not set.");
        var (token, created) = SecretFile.ReadOrCreate(file);
        if (created)
        {
            LogCreated(logger, file);
        }
        else
        {
            LogRead(logger, file);
        }

        return [token];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "NRDP token created and written to {File}; give it to send_nrdp (-t) or set Nagios:Tokens")]
    private static partial void LogCreated(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "NRDP accepts the token in {File} (Nagios:Tokens is empty)")]
    private static partial void LogRead(ILogger logger, string file);
}
