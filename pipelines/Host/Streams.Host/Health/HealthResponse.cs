using System.Text.Json;

namespace Streams.Host.Health;

/// <summary>The JSON body of <c>/healthz</c> and <c>/readyz</c>; <c>streams status</c> reads it back.</summary>
internal sealed record HealthResponse(string Status, IReadOnlyList<string> Roles, IReadOnlyDictionary<string, HealthEntry> Checks)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <summary>One check's outcome.</summary>
internal sealed record HealthEntry(string Status, string? Description, double DurationMs);
