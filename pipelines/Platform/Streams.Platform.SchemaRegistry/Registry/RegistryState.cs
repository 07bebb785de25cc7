using Streams.Platform.SchemaRegistry.Compatibility;
using Streams.Platform.SchemaRegistry.Storage;

namespace Streams.Platform.SchemaRegistry.Registry;

/// <summary>
/// What the log says, folded: subjects and their versions, schemas by id, compatibility
/// levels. Not thread-safe: <see cref="SchemaRegistryService"/> guards it.
/// </summary>
internal sealed class RegistryState
{
    private readonly Dictionary<string, SortedDictionary<int, SchemaVersion>> _subjects = new(StringComparer.Ordinal);
    private readonly Dictionary<int, ParsedSchema> _schemasById = [];
    private readonly Dictionary<int, int> _referencesById = [];
    private readonly Dictionary<string, int> _idsByCanonical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompatibilityLevel> _subjectLevels = new(StringComparer.Ordinal);

    public CompatibilityLevel GlobalLevel { get; private set; } = CompatibilityPolicy.Default;

    /// <summary>The highest id ever seen, including ids whose versions were since removed, so ids are never reused within a log.</summary>
    public int MaxId { get; private set; }

    /// <summary>Folds one change in. A schema that does not parse (another registry's JSON or Protobuf schema) is skipped and reported.</summary>
    /// <returns>Why the change was skipped, or null when it was applied.</returns>
    public string? Apply(RegistryChange change)
    {
        switch (change)
        {
            case SchemaChange { IsTombstone: true } removal:
                Remove(removal.Subject, removal.Version);
                return null;
            case SchemaChange schema:
                MaxId = Math.Max(MaxId, schema.Id);
                ParsedSchema parsed;
                try
                {
                    parsed = _schemasById.TryGetValue(schema.Id, out var known) ? known : ParsedSchema.Parse(schema.Schema, schema.SchemaType);
                }
                catch (RegistryException e)
                {
                    return $"subject '{schema.Subject}' version {schema.Version}: {e.Message}";
                }

                Remove(schema.Subject, schema.Version);
                var versions = GetOrAddSubject(schema.Subject);
                versions[schema.Version] = new SchemaVersion(schema.Subject, schema.Version, schema.Id, parsed, schema.Deleted);
                _schemasById[schema.Id] = parsed;
                _idsByCanonical[parsed.Canonical] = schema.Id;
                _referencesById[schema.Id] = _referencesById.GetValueOrDefault(schema.Id) + 1;
                return null;
            case ConfigChange config:
                return ApplyConfig(config);
            default:
                throw new ArgumentException($"Unknown change {change.GetType().Name}.", nameof(change));
        }
    }

    public ParsedSchema? SchemaById(int id) => _schemasById.GetValueOrDefault(id);

    public int? IdOf(ParsedSchema schema) => _idsByCanonical.TryGetValue(schema.Canonical, out var id) ? id : null;

    /// <summary>All versions of the subject, deleted ones included, oldest first; empty when it was never registered or was removed.</summary>
    public IReadOnlyList<SchemaVersion> Versions(string subject) =>
        _subjects.TryGetValue(subject, out var versions) ? [.. versions.Values] : [];

    public IEnumerable<string> Subjects(bool includeDeleted) =>
        _subjects.Where(pair => includeDeleted || pair.Value.Values.Any(v => !v.Deleted)).Select(pair => pair.Key).Order(StringComparer.Ordinal);

    public IEnumerable<SchemaVersion> VersionsWithId(int id) =>
        _subjects.Values.SelectMany(versions => versions.Values).Where(v => v.Id == id && !v.Deleted);

    public CompatibilityLevel? SubjectLevel(string subject) =>
        _subjectLevels.TryGetValue(subject, out var level) ? level : null;

    public CompatibilityLevel EffectiveLevel(string subject) => SubjectLevel(subject) ?? GlobalLevel;

    private string? ApplyConfig(ConfigChange config)
    {
        CompatibilityLevel level = CompatibilityPolicy.Default;
        if (config.Level is not null && !CompatibilityPolicy.TryParse(config.Level, out level))
        {
            return $"compatibility level '{config.Level}' is unknown";
        }

        if (config.Subject is null)
        {
            GlobalLevel = level;
        }
        else if (config.Level is null)
        {
            _subjectLevels.Remove(config.Subject);
        }
        else
        {
            _subjectLevels[config.Subject] = level;
        }

        return null;
    }

    private SortedDictionary<int, SchemaVersion> GetOrAddSubject(string subject)
    {
        if (!_subjects.TryGetValue(subject, out var versions))
        {
            versions = [];
            _subjects[subject] = versions;
        }

        return versions;
    }

    private void Remove(string subject, int version)
    {
        if (!_subjects.TryGetValue(subject, out var versions) || !versions.Remove(version, out var removed))
        {
            return;
        }

        if (versions.Count == 0)
        {
            _subjects.Remove(subject);
        }

        var references = _referencesById[removed.Id] - 1;
        if (references > 0)
        {
            _referencesById[removed.Id] = references;
            return;
        }

        _referencesById.Remove(removed.Id);
        _schemasById.Remove(removed.Id);
        _idsByCanonical.Remove(removed.Schema.Canonical);
    }
}
