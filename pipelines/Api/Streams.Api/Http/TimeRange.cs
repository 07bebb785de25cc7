using Streams.Alerting.Rules;

namespace Streams.Api.Http;

/// <summary>ISO-8601 <c>from</c>/<c>to</c> (default: the last hour) and a <c>step</c> as duration text (<c>10s</c>, <c>1m</c>, <c>1h</c>).</summary>
internal readonly record struct TimeRange(DateTimeOffset From, DateTimeOffset To)
{
    public long FromMs => From.ToUnixTimeMilliseconds();

    public long ToMs => To.ToUnixTimeMilliseconds();

    public static TimeRange Parse(DateTimeOffset? from, DateTimeOffset? to, TimeSpan defaultSpan, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var end = to ?? DateTimeOffset.UtcNow;
        var start = from ?? end - defaultSpan;
        if (start >= end)
        {
            errors["from"] = [$"{start:O} must be before to ({end:O})"];
        }

        return new TimeRange(start, end);
    }

    public static TimeSpan ParseStep(string? step, TimeSpan fallback, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrEmpty(step))
        {
            return fallback;
        }

        if (!DurationText.TryParse(step, out var parsed) || parsed < TimeSpan.FromSeconds(1))
        {
            errors["step"] = [$"'{step}' is not a duration of at least 1s such as 10s, 1m, 5m, 1h"];
            return fallback;
        }

        return parsed;
    }
}
