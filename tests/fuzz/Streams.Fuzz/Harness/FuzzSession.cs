using System.Text;

namespace Streams.Fuzz.Harness;

/// <summary>The two ways to drive a target: replay its saved inputs, or fuzz it from its seeds.</summary>
internal sealed class FuzzSession(FuzzFiles files, TimeSpan timeout)
{
    /// <summary>Every seed and every saved crash, once each.</summary>
    public TargetReport Replay(IFuzzTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new FuzzRunner(target, timeout).Run([.. files.Seeds(target.Name), .. files.Crashes(target.Name)]);
    }

    /// <summary><paramref name="iterations"/> mutated inputs; the same seed gives the same inputs.</summary>
    public TargetReport Fuzz(IFuzzTarget target, long iterations, int seed)
    {
        ArgumentNullException.ThrowIfNull(target);
        var seeds = files.Seeds(target.Name);
        if (seeds.Count == 0)
        {
            throw new InvalidOperationException($"no seed corpus in {files.CorpusDirectory(target.Name)}");
        }

        var mutator = new Mutator(seed ^ StableHash(target.Name), seeds, target.Dictionary);
        return new FuzzRunner(target, timeout).Run(Inputs(mutator, iterations));
    }

    /// <summary>Saves each finding's input under <c>crashes/</c>, for the replay test.</summary>
    public void Save(string target, TargetReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var finding in report.Findings)
        {
            finding.SavedAs = files.SaveCrash(target, finding.Input);
        }
    }

    private static IEnumerable<byte[]> Inputs(Mutator mutator, long count)
    {
        for (long i = 0; i < count; i++)
        {
            yield return mutator.Next();
        }
    }

    // string.GetHashCode is randomised per process; a run must be reproducible from its seed.
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)hash;
    }
}
