using io.streams.avro;

namespace Streams.Api.Http;

/// <summary>Severities and alert states as the API writes them: lower case (<c>warning</c>, <c>firing</c>).</summary>
internal static class SeverityText
{
    public static readonly string[] Ordered = ["info", "warning", "major", "critical"];

    /// <summary>0 for info .. 3 for critical; -1 for anything else.</summary>
    public static int Rank(string? severity) => severity is null ? -1 : Array.IndexOf(Ordered, severity.ToLowerInvariant());

    public static string Of(Severity severity) => severity.ToString().ToLowerInvariant();

    public static string Of(AlertState state) => state.ToString().ToLowerInvariant();

    /// <summary>Parses <c>minSeverity</c>; adds an error when it is not a severity.</summary>
    public static int ParseMinimum(string? text, Dictionary<string, string[]> errors, string field = "minSeverity")
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var rank = Rank(text);
        if (rank < 0)
        {
            errors[field] = [$"'{text}' is not one of {string.Join(", ", Ordered)}"];
        }

        return Math.Max(rank, 0);
    }
}
