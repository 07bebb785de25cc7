using System.Diagnostics;

namespace Streams.System.Tests;

internal static class StopwatchExtensions
{
    /// <summary>Waits until <paramref name="clock"/> reads <paramref name="at"/>; at once if it is past.</summary>
    public static async Task UntilAsync(this Stopwatch clock, TimeSpan at)
    {
        if (clock.Elapsed < at)
        {
            await Task.Delay(at - clock.Elapsed);
        }
    }
}
