using System.Text;

namespace Streams.Fuzz.Targets;

/// <summary>Dictionary tokens of text formats, as the UTF-8 bytes the mutator splices in.</summary>
internal static class TextTarget
{
    public static byte[][] Tokens(params string[] tokens) => [.. tokens.Select(Encoding.UTF8.GetBytes)];
}
