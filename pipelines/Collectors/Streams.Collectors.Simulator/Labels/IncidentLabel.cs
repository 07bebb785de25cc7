using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streams.Collectors.Simulator.Labels;

/// <summary>
/// Ground truth for scoring: on <paramref name="Host"/>, the interval [<paramref name="Start"/>,
/// <paramref name="End"/>) is anomalous. Written as one JSON object per line to the labels file
/// and as the value (UTF-8 JSON, key = host) of a record on the <c>labels</c> topic.
/// </summary>
/// <param name="Id">Stable id: the same run (seed, dataset) gives the same ids.</param>
/// <param name="Source">Who produced it: <c>simulator</c>, <c>smd</c> or <c>nab</c>.</param>
/// <param name="Host">The host the series belong to (the Kafka key of their samples).</param>
/// <param name="Kind">The incident kind (simulator) or the dataset's label kind.</param>
/// <param name="Start">First anomalous instant, inclusive.</param>
/// <param name="End">End of the anomaly, exclusive.</param>
/// <param name="Metrics">The metric names the anomaly shows in; empty when the source does not say.</param>
/// <param name="Description">A sentence for people reading the file.</param>
/// <param name="FailureAt">
/// When the host or the resource failed (disk full, OOM kill, host down, CPU saturated), for the
/// incidents that end in a failure; null for the others and for labels written before the field
/// existed (readers that do not know it ignore it).
/// </param>
public sealed record IncidentLabel(
    string Id,
    string Source,
    string Host,
    string Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<string> Metrics,
    string Description,
    DateTimeOffset? FailureAt = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The label as one line of JSON (camelCase, ISO-8601 times).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a label written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a label.</exception>
    public static IncidentLabel FromJson(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        return JsonSerializer.Deserialize<IncidentLabel>(json, Json) ?? throw new JsonException("A label line holds null.");
    }
}
