using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Streams.Scoring.Artifacts;
using Streams.Scoring.Fleet;

namespace Streams.Topology.Scoring;

/// <summary>
/// What every scorer has published about the hosts it judges itself (the <c>self/</c> keys of
/// <c>models</c>): their self-trained models, which a scorer adopts for a host it holds no state
/// of, and their training ranges, which make each group's <see cref="FleetPrior"/>. Shared by
/// every stream thread of a scorer and fed by its own fits and by whatever reads the topic.
/// Memory holds per host only its version, group and ranges (feature names shared between
/// hosts); the records with their artifacts (tens of KB each, ~300 MB at 10,000 hosts held in
/// memory) go to files in <see cref="Folder"/>, read back only when a host is adopted, once per
/// host and instance. The files are a cache of the topic: emptied at start, rebuilt as it is read.
/// Thread-safe; a prior is rebuilt only after a publication changed what it pools.
/// </summary>
public sealed class FleetModels
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Generation, FleetPrior? Prior)> priors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> featureNames = new(StringComparer.Ordinal);
    private readonly ColdStartOptions options;
    private readonly Lock files = new();
    private long generation;

    /// <param name="options">The cold-start settings: host groups and the prior's peers and margin.</param>
    /// <param name="directory">Where the published records with their artifacts are kept (emptied now); one per scorer instance.</param>
    public FleetModels(ColdStartOptions options, string directory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        options.Validate();
        this.options = options;
        Groups = new FleetGroups(options.Groups);
        Folder = directory;
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
    }

    public FleetGroups Groups { get; }

    /// <summary>The folder of the records a host may be adopted from.</summary>
    public string Folder { get; }

    /// <summary>Hosts with a record.</summary>
    public int Count => entries.Count;

    /// <summary>Takes a scorer's record of a host unless a newer version of it is already in; returns whether it was taken.</summary>
    public bool Publish(ModelMetadata record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entry = new Entry(
            record.Version,
            Groups.Of(record.Host),
            record.Model is { Length: > 0 },
            record.Ranges is { Count: > 0 } ranges ? [.. ranges.Select(r => r with { Name = featureNames.GetOrAdd(r.Name, r.Name) })] : null);
        while (true)
        {
            if (entries.TryGetValue(record.Host, out var current))
            {
                if (!ModelVersion.IsNewer(record.Version, current.Version))
                {
                    return false;
                }

                if (!entries.TryUpdate(record.Host, entry, current))
                {
                    continue;
                }
            }
            else if (!entries.TryAdd(record.Host, entry))
            {
                continue;
            }

            Interlocked.Increment(ref generation);
            Store(record);
            return true;
        }
    }

    /// <summary>Forgets the host (a tombstone on its <c>self/</c> key).</summary>
    public void Remove(string host)
    {
        if (entries.TryRemove(host, out _))
        {
            Interlocked.Increment(ref generation);
            lock (files)
            {
                File.Delete(PathOf(host));
            }
        }
    }

    /// <summary>
    /// The host's self-trained model as some scorer published it, read from <see cref="Folder"/>,
    /// if there is one with its artifact; null also when the file is gone or unreadable (the host then learns from zero).
    /// </summary>
    public ModelMetadata? Trained(string host)
    {
        if (!entries.TryGetValue(host, out var entry) || !entry.Adoptable)
        {
            return null;
        }

        try
        {
            var record = ModelMetadata.FromJson(File.ReadAllText(PathOf(host), Encoding.UTF8));
            return record.Version == entry.Version && record.Model is { Length: > 0 } ? record : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The prior of the host's group, pooled from the other hosts of the group that have ranges; null with too few of them.</summary>
    public FleetPrior? PriorFor(string host)
    {
        var group = Groups.Of(host);
        var now = Interlocked.Read(ref generation);

        // The cached prior is the group's without the host: right for every host that has no
        // ranges of its own (a host in cold start, the one that asks); any other pools its own.
        var peer = entries.TryGetValue(host, out var own) && own.Ranges is not null;
        if (!peer && priors.TryGetValue(group, out var cached) && cached.Generation == now)
        {
            return cached.Prior;
        }

        // Ranges come only with a trained model, so a host judged by its cold start is no peer.
        var peers = entries
            .Where(e => e.Key != host && e.Value.Ranges is not null && e.Value.Group == group)
            .Select(e => (IReadOnlyList<FeatureRange>)e.Value.Ranges!)
            .ToList();
        var prior = peers.Count >= options.PriorPeers ? FleetPrior.Of(peers, options) : null;
        if (!peer)
        {
            priors[group] = (now, prior);
        }

        return prior;
    }

    // Written only while the record is still the host's latest, so a slower writer of an older
    // version never replaces a newer file; through a temporary file, so a reader never sees half of one.
    private void Store(ModelMetadata record)
    {
        var path = PathOf(record.Host);
        lock (files)
        {
            if (!entries.TryGetValue(record.Host, out var current) || current.Version != record.Version)
            {
                return;
            }

            if (record.Model is not { Length: > 0 })
            {
                File.Delete(path);
                return;
            }

            var temporary = path + ".tmp";
            File.WriteAllText(temporary, record.ToJson(), Encoding.UTF8);
            File.Move(temporary, path, overwrite: true);
        }
    }

    // Host names are free text; a hash makes them file names.
    private string PathOf(string host) =>
        Path.Combine(Folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(host)).AsSpan(0, 16)) + ".json");

    private sealed record Entry(string Version, string Group, bool Adoptable, FeatureRange[]? Ranges);
}
