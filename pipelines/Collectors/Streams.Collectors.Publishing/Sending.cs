namespace Streams.Collectors.Publishing;

/// <summary>The one publish-and-flush loop of the collector roles.</summary>
public static class Sending
{
    /// <summary>
    /// Runs <paramref name="work"/> (sampling, listening, tailing) with <paramref name="sender"/>
    /// sending alongside, until <paramref name="stoppingToken"/> stops the work; the sender is
    /// stopped only after the work has ended, so what the work published while stopping is
    /// flushed too. A null sender (an in-memory sink in tests) sends nothing.
    /// </summary>
    public static async Task WhileAsync(ISender? sender, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        using var publishing = new CancellationTokenSource();
        var sending = sender is null ? Task.CompletedTask : Task.Run(() => sender.RunAsync(publishing.Token), CancellationToken.None);
        try
        {
            await work(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await publishing.CancelAsync().ConfigureAwait(false);
            await sending.ConfigureAwait(false);
        }
    }

    /// <summary>Keeps <paramref name="sender"/> sending until <paramref name="stoppingToken"/>, for a role whose work is served elsewhere (HTTP endpoints).</summary>
    public static Task UntilStoppedAsync(ISender? sender, CancellationToken stoppingToken) =>
        WhileAsync(sender, token => Task.Delay(Timeout.Infinite, token), stoppingToken);
}
