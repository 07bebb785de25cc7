using System.Collections.Concurrent;
using Streams.Scoring.Artifacts;

namespace Streams.Topology.Scoring;

/// <summary>
/// The current announced model of every host, shared by every stream thread of the scorer and
/// fed by whatever reads the <c>models</c> topic. Thread-safe: a model is replaced by one
/// reference write, and a stream thread picks the new one up at its next window of that host.
/// </summary>
public sealed class ModelRegistry
{
    private readonly ConcurrentDictionary<string, HostModel> models = new(StringComparer.Ordinal);

    public int Count => models.Count;

    /// <summary>Makes <paramref name="model"/> the host's current one unless a newer version is already in; returns whether it was taken.</summary>
    public bool Publish(string host, HostModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        while (true)
        {
            if (!models.TryGetValue(host, out var current))
            {
                if (models.TryAdd(host, model))
                {
                    return true;
                }

                continue;
            }

            if (!ModelVersion.IsNewer(model.Version, current.Version))
            {
                return false;
            }

            if (models.TryUpdate(host, model, current))
            {
                return true;
            }
        }
    }

    /// <summary>Forgets the host's announced model (a tombstone on <c>models</c>); its scorer keeps the detector it has.</summary>
    public void Remove(string host) => models.TryRemove(host, out _);

    public bool TryGet(string host, out HostModel model)
    {
        if (models.TryGetValue(host, out var found))
        {
            model = found;
            return true;
        }

        model = null!;
        return false;
    }
}
