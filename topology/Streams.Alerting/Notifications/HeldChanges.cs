namespace Streams.Alerting.Notifications;

/// <summary>
/// The alert records whose change a group has taken in but not notified yet. Each record's offset
/// waits on the task <see cref="GroupingDispatcher.Add"/> gave it, so a crash before the group's
/// notification replays the record instead of losing the notification. The flush that carries the
/// changes hands them over in <see cref="NotificationBatch.Changes"/>, and whoever delivers the
/// batch settles them; a group that ends without notifying releases them.
/// </summary>
public sealed class HeldChanges
{
    private readonly List<TaskCompletionSource> waiting = [];

    public int Count => waiting.Count;

    /// <summary>
    /// Ends every held change as <paramref name="delivered"/> ends, with its outcome: a delivery
    /// stopped midway (cancelled) or failing to audit leaves the records uncommitted for the next run.
    /// </summary>
    public void SettleWhen(Task delivered)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        if (waiting.Count == 0)
        {
            return;
        }

        delivered.ContinueWith(
            static (outcome, state) =>
            {
                foreach (var change in (List<TaskCompletionSource>)state!)
                {
                    if (outcome.IsCanceled)
                    {
                        change.TrySetCanceled();
                    }
                    else if (outcome.Exception is { } failure)
                    {
                        change.TrySetException(failure.InnerExceptions);
                    }
                    else
                    {
                        change.TrySetResult();
                    }
                }
            },
            waiting,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    internal Task Hold()
    {
        var change = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.Add(change);
        return change.Task;
    }

    /// <summary>The group ended without a notification to carry the changes: nothing is left to wait for.</summary>
    internal void Release()
    {
        foreach (var change in waiting)
        {
            change.TrySetResult();
        }
    }
}
