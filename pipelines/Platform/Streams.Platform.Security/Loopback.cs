using System.Net;

namespace Streams.Platform.Security;

/// <summary>Whether a listener's bind address keeps it to this machine.</summary>
public static class Loopback
{
    /// <summary>
    /// True for <c>localhost</c> and loopback addresses (127.0.0.0/8, ::1). Wildcards
    /// (<c>0.0.0.0</c>, <c>::</c>, <c>*</c>, <c>+</c>) and any other name or address reach beyond
    /// the machine.
    /// </summary>
    public static bool IsLoopback(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return false;
        }

        var trimmed = host.Trim().Trim('[', ']');
        return string.Equals(trimmed, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(trimmed, out var address) && IPAddress.IsLoopback(address));
    }
}
