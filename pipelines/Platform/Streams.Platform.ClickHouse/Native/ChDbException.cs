using System.Globalization;
using System.Text.RegularExpressions;

namespace Streams.Platform.ClickHouse.Native;

/// <summary>
/// A ClickHouse error as chDB reports it: "Code: 62. DB::Exception: … (SYNTAX_ERROR)".
/// </summary>
internal sealed partial class ChDbException : Exception
{
    public ChDbException(string message)
        : base(message)
    {
        var code = CodePattern().Match(message);
        Code = code.Success ? int.Parse(code.Groups[1].ValueSpan, CultureInfo.InvariantCulture) : 0;
        var names = NamePattern().Matches(message);
        Name = names.Count > 0 ? names[^1].Groups[1].Value : null;
    }

    public ChDbException()
        : this("Code: 0. DB::Exception: unknown error.")
    {
    }

    public ChDbException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Code { get; }

    /// <summary>The error name ClickHouse puts in parentheses, e.g. SYNTAX_ERROR.</summary>
    public string? Name { get; }

    /// <summary>An error raised by the endpoint itself, worded as ClickHouse words its own.</summary>
    public static ChDbException Create(int code, string name, string text) =>
        new(FormattableString.Invariant($"Code: {code}. DB::Exception: {text}. ({name})"));

    [GeneratedRegex(@"^Code: (\d+)\.")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\(([A-Z][A-Z0-9_]+)\)")]
    private static partial Regex NamePattern();
}
