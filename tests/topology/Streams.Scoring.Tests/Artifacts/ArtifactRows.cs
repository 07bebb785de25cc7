namespace Streams.Scoring.Tests.Artifacts;

/// <summary>Host-like training data: metrics driven by two latent loads plus noise, from a seed.</summary>
internal static class ArtifactRows
{
    public static readonly string[] Names = ["cpu", "load", "mem", "disk"];

    public static double[] Rows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new double[count * Names.Length];
        for (var i = 0; i < count; i++)
        {
            var daily = Math.Sin(i * 2 * Math.PI / 288);
            var batch = Math.Cos(i * 2 * Math.PI / 97);
            double[] row = [0.5 + (0.3 * daily), 0.4 + (0.2 * daily) + (0.1 * batch), 0.6 + (0.2 * batch), 0.3 + (0.1 * daily) - (0.1 * batch)];
            for (var d = 0; d < row.Length; d++)
            {
                rows[(i * Names.Length) + d] = row[d] + (0.01 * random.NextDouble());
            }
        }

        return rows;
    }
}
