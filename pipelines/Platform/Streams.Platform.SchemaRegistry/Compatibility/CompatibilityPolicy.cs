using Avro;

namespace Streams.Platform.SchemaRegistry.Compatibility;

/// <summary>
/// Applies a compatibility level to a candidate schema and the live versions of a subject,
/// as Confluent does: BACKWARD means the candidate reads data written with the existing
/// schemas, FORWARD means the existing schemas read data written with the candidate, FULL is
/// both; non-transitive levels compare with the latest version only.
/// </summary>
internal static class CompatibilityPolicy
{
    public const CompatibilityLevel Default = CompatibilityLevel.Backward;

    private static readonly Dictionary<string, CompatibilityLevel> ByName = new(StringComparer.Ordinal)
    {
        ["NONE"] = CompatibilityLevel.None,
        ["BACKWARD"] = CompatibilityLevel.Backward,
        ["BACKWARD_TRANSITIVE"] = CompatibilityLevel.BackwardTransitive,
        ["FORWARD"] = CompatibilityLevel.Forward,
        ["FORWARD_TRANSITIVE"] = CompatibilityLevel.ForwardTransitive,
        ["FULL"] = CompatibilityLevel.Full,
        ["FULL_TRANSITIVE"] = CompatibilityLevel.FullTransitive,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out CompatibilityLevel level) =>
        ByName.TryGetValue(name?.Trim().ToUpperInvariant() ?? string.Empty, out level);

    public static string ToName(CompatibilityLevel level) => ByName.First(pair => pair.Value == level).Key;

    /// <summary>Why the candidate breaks the level; empty when it is compatible.</summary>
    /// <param name="existing">The subject's live schemas, oldest first.</param>
    public static IReadOnlyList<string> Check(CompatibilityLevel level, Schema candidate, IReadOnlyList<Schema> existing)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(existing);
        if (level == CompatibilityLevel.None || existing.Count == 0)
        {
            return [];
        }

        var transitive = level is CompatibilityLevel.BackwardTransitive or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.FullTransitive;
        var backward = level is CompatibilityLevel.Backward or CompatibilityLevel.BackwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;
        var forward = level is CompatibilityLevel.Forward or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;
        var targets = transitive ? existing : [existing[^1]];

        var messages = new List<string>();
        foreach (var old in targets.Reverse())
        {
            if (backward)
            {
                messages.AddRange(AvroCompatibilityChecker.Check(reader: candidate, writer: old)
                    .Select(m => $"new schema cannot read data written with an older schema (BACKWARD): {m}"));
            }

            if (forward)
            {
                messages.AddRange(AvroCompatibilityChecker.Check(reader: old, writer: candidate)
                    .Select(m => $"an older schema cannot read data written with the new schema (FORWARD): {m}"));
            }
        }

        return messages;
    }
}
