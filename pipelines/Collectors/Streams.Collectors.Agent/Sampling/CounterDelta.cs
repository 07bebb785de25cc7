namespace Streams.Collectors.Agent.Sampling;

/// <summary>The increase of a kernel counter between two reads, telling a wrap from a reset.</summary>
internal static class CounterDelta
{
    private const double TwoPow32 = 4294967296d;

    /// <summary>
    /// The increase from <paramref name="previous"/> to <paramref name="current"/>; null when the
    /// counter went back for another reason than a wrap (driver reload, reboot, interface re-created).
    /// </summary>
    /// <remarks>
    /// Some counters are 32-bit even on 64-bit kernels (the diskstats io_ticks and time_in_queue
    /// columns are printed as <c>%u</c>, so they wrap after ~49.7 days of milliseconds). A drop from a
    /// value that fits 32 bits is taken as a wrap when the wrapped increase is under 2^31, i.e.
    /// plausible for one interval; otherwise it is a reset and the interval yields no rate.
    /// </remarks>
    public static double? Compute(double previous, double current)
    {
        if (current >= previous)
        {
            return current - previous;
        }

        if (previous < TwoPow32)
        {
            var wrapped = current + TwoPow32 - previous;
            if (wrapped < TwoPow32 / 2)
            {
                return wrapped;
            }
        }

        return null;
    }
}
