using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Streams.Alerting.Matching;

/// <summary>
/// A matcher on one alert label, with Alertmanager's syntax and semantics: <c>name="value"</c>,
/// <c>name!="value"</c>, <c>name=~"regex"</c>, <c>name!~"regex"</c> (quotes optional); a missing
/// label matches as the empty string and a regex must match the whole value.
/// </summary>
public sealed partial class LabelMatcher
{
    // User-supplied patterns run on every alert; a pathological one must not stall the notifier.
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);
    private readonly Regex? regex;

    private LabelMatcher(string name, MatchOperator op, string value, Regex? regex)
    {
        Name = name;
        Operator = op;
        Value = value;
        this.regex = regex;
    }

    public string Name { get; }

    public MatchOperator Operator { get; }

    public string Value { get; }

    /// <summary>Parses one matcher; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out LabelMatcher? matcher, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        matcher = null;
        var match = Syntax().Match(text);
        if (!match.Success)
        {
            error = $"'{text}' is not a matcher like name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\"";
            return false;
        }

        var op = match.Groups["op"].Value switch
        {
            "=" => MatchOperator.Equal,
            "!=" => MatchOperator.NotEqual,
            "=~" => MatchOperator.Regex,
            _ => MatchOperator.NotRegex,
        };
        var value = match.Groups["quoted"].Success ? match.Groups["quoted"].Value.Replace("\\\"", "\"", StringComparison.Ordinal) : match.Groups["bare"].Value;
        Regex? compiled = null;
        if (op is MatchOperator.Regex or MatchOperator.NotRegex)
        {
            try
            {
                compiled = new Regex("^(?:" + value + ")$", RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException ex)
            {
                error = $"'{value}' is not a valid regular expression ({ex.Message})";
                return false;
            }
        }

        matcher = new LabelMatcher(match.Groups["name"].Value, op, value, compiled);
        error = null;
        return true;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var actual = labels.TryGetValue(Name, out var found) ? found ?? string.Empty : string.Empty;
        return Operator switch
        {
            MatchOperator.Equal => actual == Value,
            MatchOperator.NotEqual => actual != Value,
            MatchOperator.Regex => IsMatch(actual),
            _ => !IsMatch(actual),
        };
    }

    public override string ToString() => Name + Operator switch
    {
        MatchOperator.Equal => "=",
        MatchOperator.NotEqual => "!=",
        MatchOperator.Regex => "=~",
        _ => "!~",
    } + "\"" + Value + "\"";

    // A pattern that times out matches nothing: better to miss a route than to stall every alert.
    private bool IsMatch(string actual)
    {
        try
        {
            return regex!.IsMatch(actual);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    [GeneratedRegex("""^\s*(?<name>[a-zA-Z_][a-zA-Z0-9_]*)\s*(?<op>=~|!~|!=|=)\s*(?:"(?<quoted>(?:[^"\\]|\\.)*)"|(?<bare>[^"\s]*))\s*$""")]
    private static partial Regex Syntax();
}
