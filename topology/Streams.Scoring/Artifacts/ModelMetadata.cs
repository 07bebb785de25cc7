using System.Text.Json;
using System.Text.Json.Serialization;
using Streams.Scoring.Fleet;

namespace Streams.Scoring.Artifacts;

/// <summary>
/// What a model artifact is: written beside the model as <c>metadata.json</c> and, with
/// <see cref="ArtifactPath"/> set, announced as the value of the compacted <c>models</c> topic
/// under <see cref="Name"/>.
/// </summary>
public sealed record ModelMetadata
{
    /// <summary>Model name and <c>models</c> topic key: <c>host/&lt;host&gt;</c> for a host's detector.</summary>
    public required string Name { get; init; }

    /// <summary>The host the model scores.</summary>
    public required string Host { get; init; }

    /// <summary>Sortable version, increasing per model name (see <see cref="ModelVersion"/>).</summary>
    public required string Version { get; init; }

    /// <summary>The detector kind, as the Anomaly record's <c>model</c> field.</summary>
    public string Kind { get; init; } = HostModelKind;

    public required IReadOnlyList<string> FeatureNames { get; init; }

    /// <summary>The calibrated ensemble threshold.</summary>
    public double Threshold { get; init; }

    /// <summary>Where the training data came from, e.g. <c>smd:machine-1-1</c> or <c>clickhouse:metric_windows</c>.</summary>
    public string Source { get; init; } = "";

    /// <summary>Event time of the first and last training window; null when the source has no time (SMD).</summary>
    public DateTimeOffset? TrainedFrom { get; init; }

    public DateTimeOffset? TrainedTo { get; init; }

    public int TrainingRows { get; init; }

    public int Seed { get; init; }

    /// <summary>Figures measured on held-out data, by name (e.g. <c>trainingSeconds</c>, <c>heldOutAlarmRate</c>).</summary>
    public IReadOnlyDictionary<string, double> Evaluation { get; init; } = new Dictionary<string, double>();

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Absolute path of the artifact directory (holding <c>model.json</c>); set in announcements.</summary>
    public string? ArtifactPath { get; init; }

    /// <summary>
    /// Who made the model: <see cref="AnnouncedOrigin"/> (<c>streams train</c>, under
    /// <see cref="HostModelName"/>) or <see cref="SelfTrainedOrigin"/> (a scorer's continual
    /// learning, under <see cref="SelfModelName"/>), which never replaces an announced one.
    /// </summary>
    public string Origin { get; init; } = AnnouncedOrigin;

    /// <summary>
    /// What judges the host, for a scorer's own record: <c>learning</c>, <c>change-only</c>,
    /// <c>fleet-prior</c> (no model of its own yet: no <see cref="Model"/>), <c>provisional</c> or <c>own-model</c>.
    /// </summary>
    public string? Coverage { get; init; }

    /// <summary>The fleet group (role) the scorer put the host in.</summary>
    public string? Group { get; init; }

    /// <summary>Windows of the host the scorer had seen when it trained the model (its schedule's position).</summary>
    public long? WindowsSeen { get; init; }

    /// <summary>When, by the host's window times, the scorer's schedule makes the next model due.</summary>
    public DateTimeOffset? NextRetrainAt { get; init; }

    /// <summary>
    /// The artifact itself (<c>model.json</c>'s bytes), for self-trained models: scorer instances
    /// share no disk, so the model travels in the record (tens of KB with 38 features).
    /// </summary>
    public byte[]? Model { get; init; }

    /// <summary>The features' training ranges, which the fleet prior of the host's group pools.</summary>
    public IReadOnlyList<FeatureRange>? Ranges { get; init; }

    /// <summary>The detector kind of a host ensemble (k-means per series and PCA over the host).</summary>
    public const string HostModelKind = "ensemble";

    /// <summary>The model name of a host's detector.</summary>
    public static string HostModelName(string host) => "host/" + host;

    /// <summary>The <c>models</c> key of what a scorer itself judges the host with (its own model, or its cold-start judge).</summary>
    public static string SelfModelName(string host) => "self/" + host;

    public const string AnnouncedOrigin = "announced";

    public const string SelfTrainedOrigin = "self-trained";

    public string ToJson() => JsonSerializer.Serialize(this, ArtifactJson.Options);

    /// <exception cref="JsonException">Not a metadata document, or a required field is missing.</exception>
    public static ModelMetadata FromJson(string json) =>
        JsonSerializer.Deserialize<ModelMetadata>(json, ArtifactJson.Options) ?? throw new JsonException("The model metadata is null.");
}

/// <summary>One JSON dialect for artifacts and announcements: camelCase, indented, non-finite numbers as literals.</summary>
internal static class ArtifactJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
