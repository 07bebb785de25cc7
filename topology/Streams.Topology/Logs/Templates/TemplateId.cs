using System.Security.Cryptography;
using System.Text;

namespace Streams.Topology.Logs.Templates;

/// <summary>
/// A template's id: the first 16 hex digits of SHA-256 over <c>app U+001F template</c>, taken
/// from the template's text when it was created and kept when it later generalises. Every
/// instance and every restart derives the same id for the same first message, so ids need no
/// coordination; 64 bits make a collision among an application's templates negligible.
/// </summary>
internal static class TemplateId
{
    public static string Of(string app, string template)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(app + "\u001f" + template));
        return Convert.ToHexStringLower(hash, 0, 8);
    }
}
