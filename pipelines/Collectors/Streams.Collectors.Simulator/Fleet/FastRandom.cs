namespace Streams.Collectors.Simulator.Fleet;

/// <summary>
/// SplitMix64: a tiny, fast generator whose whole state is one ulong, so each virtual server
/// carries its own stream and servers can be generated in any chunking with identical output.
/// </summary>
internal struct FastRandom(ulong state)
{
    private ulong _state = state;

    /// <summary>Mixes a seed with stream identifiers into an independent starting state.</summary>
    public static ulong Derive(long seed, long stream, long purpose)
    {
        var r = new FastRandom(unchecked((ulong)seed));
        r._state ^= unchecked((ulong)stream * 0xD1B54A32D192ED03UL);
        r.NextULong();
        r._state ^= unchecked((ulong)purpose * 0x8CB92BA72F3D8DD7UL);
        return r.NextULong();
    }

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    public int Next(int maxExclusive) => (int)((NextULong() >> 33) % (ulong)maxExclusive);

    /// <summary>
    /// Approximately standard normal: the Irwin–Hall sum of four uniforms, rescaled. Tails stop at
    /// ±3.46, which suits noise (no absurd outliers) and costs no logarithm or square root.
    /// </summary>
    public double NextGaussian()
    {
        var sum = NextDouble() + NextDouble() + NextDouble() + NextDouble();
        return (sum - 2.0) * 1.7320508075688772;
    }
}
