using System.Globalization;
using Microsoft.Extensions.Logging;
using Streams.Platform.SchemaRegistry.Compatibility;
using Streams.Platform.SchemaRegistry.Storage;

namespace Streams.Platform.SchemaRegistry.Registry;

/// <summary>
/// The registry's rules over its state and log. Writers take turns (one at a time, each
/// waiting for the log to acknowledge before the state changes and the caller is answered);
/// readers only take a short lock around dictionary lookups.
/// </summary>
internal sealed class SchemaRegistryService(ISchemaStore store, ILogger logger) : IDisposable
{
    private const string Latest = "latest";

    private readonly RegistryState _state = new();
    private readonly Lock _stateLock = new();
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Rebuilds the state from the log, oldest record first.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var records = await store.ReadAllAsync(cancellationToken);
        lock (_stateLock)
        {
            foreach (var record in records)
            {
                string? skipped;
                try
                {
                    skipped = RegistryRecordCodec.Decode(record) is { } change ? _state.Apply(change) : null;
                }
                catch (System.Text.Json.JsonException e)
                {
                    skipped = $"unreadable record {record.Key}: {e.Message}";
                }

                if (skipped is not null)
                {
                    logger.LogWarning("Schema registry log record skipped: {Reason}", skipped);
                }
            }
        }

        logger.LogInformation("Schema registry state rebuilt from {Count} log records; highest schema id {MaxId}", records.Count, _state.MaxId);
    }

    public async Task<int> RegisterAsync(string subject, string? schemaText, string? schemaType, CancellationToken cancellationToken)
    {
        var candidate = ParsedSchema.Parse(schemaText, schemaType);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            // Only writers change the state and they take turns, so what is read here stays
            // true until this write lands; the compatibility check runs outside the state lock
            // so readers are not held up by it.
            IReadOnlyList<SchemaVersion> versions;
            CompatibilityLevel level;
            int? knownId;
            int maxId;
            lock (_stateLock)
            {
                versions = _state.Versions(subject);
                level = _state.EffectiveLevel(subject);
                knownId = _state.IdOf(candidate);
                maxId = _state.MaxId;
            }

            if (versions.FirstOrDefault(v => !v.Deleted && v.Schema.Canonical == candidate.Canonical) is { } existing)
            {
                return existing.Id;
            }

            var live = versions.Where(v => !v.Deleted).Select(v => v.Schema.Avro).ToList();
            var reasons = CompatibilityPolicy.Check(level, candidate.Avro, live);
            if (reasons.Count > 0)
            {
                throw RegistryException.Incompatible(subject, reasons);
            }

            var version = versions.Count == 0 ? 1 : versions[^1].Version + 1;
            var change = new SchemaChange(subject, version, knownId ?? maxId + 1, candidate.Canonical, null, false);
            await WriteAsync(change, cancellationToken);
            return change.Id;
        }
        finally
        {
            _writer.Release();
        }
    }

    public SchemaVersion Lookup(string subject, string? schemaText, string? schemaType, bool includeDeleted)
    {
        var candidate = ParsedSchema.Parse(schemaText, schemaType);
        var versions = VisibleVersions(subject, includeDeleted);
        return versions.LastOrDefault(v => v.Schema.Canonical == candidate.Canonical)
            ?? throw RegistryException.SchemaNotFound($"Schema not found under subject '{subject}'.");
    }

    public ParsedSchema SchemaById(int id)
    {
        lock (_stateLock)
        {
            return _state.SchemaById(id) ?? throw RegistryException.SchemaNotFound($"Schema {id} not found.");
        }
    }

    public IReadOnlyList<SchemaVersion> VersionsWithId(int id)
    {
        lock (_stateLock)
        {
            if (_state.SchemaById(id) is null)
            {
                throw RegistryException.SchemaNotFound($"Schema {id} not found.");
            }

            return [.. _state.VersionsWithId(id)];
        }
    }

    public IReadOnlyList<string> Subjects(bool includeDeleted)
    {
        lock (_stateLock)
        {
            return [.. _state.Subjects(includeDeleted)];
        }
    }

    public IReadOnlyList<int> VersionNumbers(string subject, bool includeDeleted) =>
        [.. VisibleVersions(subject, includeDeleted).Select(v => v.Version)];

    public SchemaVersion GetVersion(string subject, string version, bool includeDeleted)
    {
        var number = ParseVersion(version);
        var versions = VisibleVersions(subject, includeDeleted);
        return (number is null ? versions[^1] : versions.FirstOrDefault(v => v.Version == number))
            ?? throw RegistryException.VersionNotFound(subject, version);
    }

    public async Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<SchemaVersion> versions;
            lock (_stateLock)
            {
                versions = _state.Versions(subject);
            }

            if (versions.Count == 0)
            {
                throw RegistryException.SubjectNotFound(subject);
            }

            var live = versions.Where(v => !v.Deleted).ToList();
            if (permanent && live.Count > 0)
            {
                throw RegistryException.SubjectNotSoftDeleted(subject);
            }

            if (!permanent && live.Count == 0)
            {
                throw RegistryException.SubjectSoftDeleted(subject);
            }

            var affected = permanent ? versions : live;
            foreach (var version in affected)
            {
                await WriteAsync(permanent ? Tombstone(version) : SoftDeleted(version), cancellationToken);
            }

            return [.. affected.Select(v => v.Version)];
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task<int> DeleteVersionAsync(string subject, string version, bool permanent, CancellationToken cancellationToken)
    {
        var number = ParseVersion(version);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            SchemaVersion target;
            lock (_stateLock)
            {
                var versions = _state.Versions(subject);
                if (versions.Count == 0)
                {
                    throw RegistryException.SubjectNotFound(subject);
                }

                target = (number is null ? versions.LastOrDefault(v => !v.Deleted) : versions.FirstOrDefault(v => v.Version == number))
                    ?? throw RegistryException.VersionNotFound(subject, version);
            }

            if (!permanent && target.Deleted)
            {
                throw RegistryException.VersionSoftDeleted(subject, target.Version);
            }

            if (permanent && !target.Deleted)
            {
                throw RegistryException.VersionNotSoftDeleted(subject, target.Version);
            }

            await WriteAsync(permanent ? Tombstone(target) : SoftDeleted(target), cancellationToken);
            return target.Version;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Why the schema would break the subject's level against one version (or, with a null version, against what registration checks).</summary>
    public IReadOnlyList<string> TestCompatibility(string subject, string? version, string? schemaText, string? schemaType)
    {
        var candidate = ParsedSchema.Parse(schemaText, schemaType);
        var number = version is null ? null : ParseVersion(version);
        lock (_stateLock)
        {
            var live = _state.Versions(subject).Where(v => !v.Deleted).ToList();
            var level = _state.EffectiveLevel(subject);
            if (version is null || (number is null && live.Count == 0))
            {
                // Confluent answers "compatible" when the subject has nothing to compare with yet.
                return CompatibilityPolicy.Check(level, candidate.Avro, [.. live.Select(v => v.Schema.Avro)]);
            }

            if (live.Count == 0)
            {
                throw RegistryException.SubjectNotFound(subject);
            }

            var target = (number is null ? live[^1] : live.FirstOrDefault(v => v.Version == number))
                ?? throw RegistryException.VersionNotFound(subject, version);
            return CompatibilityPolicy.Check(level, candidate.Avro, [target.Schema.Avro]);
        }
    }

    public CompatibilityLevel GlobalLevel()
    {
        lock (_stateLock)
        {
            return _state.GlobalLevel;
        }
    }

    public CompatibilityLevel SubjectLevel(string subject, bool defaultToGlobal)
    {
        lock (_stateLock)
        {
            return _state.SubjectLevel(subject)
                ?? (defaultToGlobal ? _state.GlobalLevel : throw RegistryException.SubjectLevelNotConfigured(subject));
        }
    }

    /// <summary>Sets the level of a subject, or the global level when <paramref name="subject"/> is null.</summary>
    public async Task<CompatibilityLevel> SetLevelAsync(string? subject, string? level, CancellationToken cancellationToken)
    {
        if (!CompatibilityPolicy.TryParse(level, out var parsed))
        {
            throw RegistryException.InvalidCompatibilityLevel(level);
        }

        await _writer.WaitAsync(cancellationToken);
        try
        {
            await WriteAsync(new ConfigChange(subject, CompatibilityPolicy.ToName(parsed)), cancellationToken);
            return parsed;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Clears a subject's level so the global one applies again; returns the level it had.</summary>
    public async Task<CompatibilityLevel> DeleteSubjectLevelAsync(string subject, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            var previous = SubjectLevel(subject, defaultToGlobal: false);
            await WriteAsync(new ConfigChange(subject, null), cancellationToken);
            return previous;
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose() => _writer.Dispose();

    private List<SchemaVersion> VisibleVersions(string subject, bool includeDeleted)
    {
        lock (_stateLock)
        {
            var versions = _state.Versions(subject).Where(v => includeDeleted || !v.Deleted).ToList();
            return versions.Count > 0 ? versions : throw RegistryException.SubjectNotFound(subject);
        }
    }

    /// <summary>The version number, or null for the latest ("latest" or -1, as Confluent accepts).</summary>
    private static int? ParseVersion(string version)
    {
        if (string.Equals(version, Latest, StringComparison.OrdinalIgnoreCase) || version == "-1")
        {
            return null;
        }

        return int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1
            ? number
            : throw RegistryException.InvalidVersion(version);
    }

    private static SchemaChange SoftDeleted(SchemaVersion version) =>
        new(version.Subject, version.Version, version.Id, version.Schema.Canonical, null, true);

    private static SchemaChange Tombstone(SchemaVersion version) =>
        new(version.Subject, version.Version, version.Id, null, null, false);

    private async Task WriteAsync(RegistryChange change, CancellationToken cancellationToken)
    {
        try
        {
            await store.AppendAsync(RegistryRecordCodec.Encode(change), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Schema registry could not write to its log");
            throw new RegistryException($"Error in the backend data store: {e.Message}", e);
        }

        lock (_stateLock)
        {
            _state.Apply(change);
        }
    }
}
