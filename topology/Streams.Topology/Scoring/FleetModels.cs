using System.Collections.Concurrent;
using Streams.Scoring.Artifacts;
using Streams.Scoring.Fleet;

namespace Streams.Topology.Scoring;

/// <summary>
/// What every scorer has published about the hosts it judges itself (the <c>self/</c> keys of
/// <c>models</c>): their self-trained models, which a scorer adopts for a host it holds no state
/// of, and their training ranges, which make each group's <see cref="FleetPrior"/>. Shared by
/// every stream thread of a scorer and fed by its own fits and by whatever reads the topic.
/// Thread-safe; a prior is rebuilt only after a publication changed what it pools.
/// </summary>
public sealed class FleetModels
{
    private readonly ConcurrentDictionary<string, ModelMetadata> models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Generation, FleetPrior? Prior)> priors = new(StringComparer.Ordinal);
    private readonly ColdStartOptions options;
    private long generation;

    public FleetModels(ColdStartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        Groups = new FleetGroups(options.Groups);
    }

    public FleetGroups Groups { get; }

    /// <summary>The latest record of every host.</summary>
    public IReadOnlyCollection<ModelMetadata> All => [.. models.Values];

    /// <summary>Takes a scorer's record of a host unless a newer version of it is already in; returns whether it was taken.</summary>
    public bool Publish(ModelMetadata record)
    {
        ArgumentNullException.ThrowIfNull(record);
        while (true)
        {
            if (models.TryGetValue(record.Host, out var current))
            {
                if (!ModelVersion.IsNewer(record.Version, current.Version))
                {
                    return false;
                }

                if (!models.TryUpdate(record.Host, record, current))
                {
                    continue;
                }
            }
            else if (!models.TryAdd(record.Host, record))
            {
                continue;
            }

            Interlocked.Increment(ref generation);
            return true;
        }
    }

    /// <summary>Forgets the host (a tombstone on its <c>self/</c> key).</summary>
    public void Remove(string host)
    {
        if (models.TryRemove(host, out _))
        {
            Interlocked.Increment(ref generation);
        }
    }

    /// <summary>The host's self-trained model as some scorer published it, if there is one with its artifact.</summary>
    public ModelMetadata? Trained(string host) =>
        models.TryGetValue(host, out var record) && record.Model is { Length: > 0 } ? record : null;

    /// <summary>The prior of the host's group, pooled from the other hosts of the group that have ranges; null with too few of them.</summary>
    public FleetPrior? PriorFor(string host)
    {
        var group = Groups.Of(host);
        var now = Interlocked.Read(ref generation);
        if (priors.TryGetValue(group, out var cached) && cached.Generation == now)
        {
            return cached.Prior;
        }

        var peers = models.Values
            .Where(m => m.Host != host && m.Ranges is { Count: > 0 } && m.Model is { Length: > 0 } && Groups.Of(m.Host) == group)
            .Select(m => m.Ranges!)
            .ToList();
        var prior = peers.Count >= options.PriorPeers ? FleetPrior.Of(peers, options) : null;
        priors[group] = (now, prior);
        return prior;
    }
}
