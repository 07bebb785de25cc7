using System.Security.Cryptography;
using System.Text;

namespace Streams.Platform.Security;

/// <summary>Compares a presented secret with the accepted ones in time that tells nothing about how much of it was right.</summary>
public static class SecretComparer
{
    /// <summary>
    /// Whether <paramref name="presented"/> is one of <paramref name="accepted"/>. Both sides are
    /// hashed first, so the comparison's length does not depend on the secrets' lengths, and
    /// every accepted secret is compared, so the time does not say which one matched.
    /// </summary>
    public static bool Matches(string? presented, IEnumerable<string> accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var secret in accepted)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        }

        return match;
    }
}
