using System.Diagnostics;
using System.Text.Json;

namespace Streams.System.Tests;

/// <summary>
/// Reads <c>GET /api/pipeline/lag</c> every second while faults run, from whichever API instance
/// answers (the other may be the one just killed), and keeps every reading. The API's monitor
/// reads the groups every 5 s, so a time read off these is good to about 5 s.
/// </summary>
internal sealed class LagWatch : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    // Longer than the monitor's 5 s between readings.
    private static readonly TimeSpan Held = TimeSpan.FromSeconds(6);

    private readonly IReadOnlyList<HttpClient> apis;
    private readonly Stopwatch clock;
    private readonly List<LagReading> readings = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task watching;

    public LagWatch(IReadOnlyList<HttpClient> apis, Stopwatch clock)
    {
        this.apis = apis;
        this.clock = clock;
        watching = Task.Run(WatchAsync);
    }

    public IReadOnlyList<LagReading> Readings
    {
        get
        {
            lock (readings)
            {
                return [.. readings];
            }
        }
    }

    /// <summary>The lag as the first API instance that answers has it now; null when none has measured it.</summary>
    public async Task<LagReading?> ReadAsync() => await FetchAsync() is { } lags
        ? new LagReading(clock.Elapsed, lags.GroupBy(l => l.GetProperty("group").GetString()!).ToDictionary(g => g.Key, g => g.Sum(l => l.GetProperty("records").GetInt64())))
        : null;

    /// <summary>Each group and topic still behind now, for a failure message: records, the most in one partition, and the age of the oldest.</summary>
    public async Task<string> DescribeBehindAsync() => await FetchAsync() is { } lags
        ? string.Join(", ", lags.Where(l => l.GetProperty("records").GetInt64() > 0).Select(l =>
            $"{l.GetProperty("group").GetString()} on {l.GetProperty("topic").GetString()}: {l.GetProperty("records").GetInt64()} records (at most {l.GetProperty("maxPartitionRecords").GetInt64()} in a partition), {l.GetProperty("seconds").GetDouble():F0} s old"))
        : "no reading";

    private async Task<List<JsonElement>?> FetchAsync()
    {
        foreach (var api in apis)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                using var response = await api.GetAsync(new Uri("/api/pipeline/lag", UriKind.Relative), timeout.Token);
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }

                var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token)).RootElement;
                if (view.GetProperty("measured").GetBoolean())
                {
                    return [.. view.GetProperty("lags").EnumerateArray().Select(l => l.Clone())];
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // Killed or restarting: the other instance answers.
            }
        }

        return null;
    }

    /// <summary>
    /// Waits until every group has processed all it was given; returns how long that took, or
    /// null if it had not within <paramref name="timeout"/>. A 0 counts once it has held over two
    /// of the monitor's readings: one taken before the last records arrived would read 0 too.
    /// </summary>
    public async Task<TimeSpan?> CaughtUpWithinAsync(TimeSpan timeout)
    {
        var waiting = Stopwatch.StartNew();
        TimeSpan? caughtUp = null;
        while (waiting.Elapsed < timeout + Held)
        {
            caughtUp = await ReadAsync() is { AllCaughtUp: true } ? caughtUp ?? waiting.Elapsed : null;
            if (waiting.Elapsed - caughtUp >= Held)
            {
                return caughtUp <= timeout ? caughtUp : null;
            }

            await Task.Delay(Every);
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await watching;
        stop.Dispose();
    }

    private async Task WatchAsync()
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                if (await ReadAsync() is { } reading)
                {
                    lock (readings)
                    {
                        readings.Add(reading);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
