using System.Globalization;
using Spectre.Console;
using Streams.Collectors.Simulator.Publishing;

namespace Streams.Collectors.Simulator.Dashboard;

/// <summary>A live progress bar while a run goes, then a summary table of what it sent.</summary>
public static class RunDashboard
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    /// <summary>Shows progress of <paramref name="run"/> until it completes, then its summary.</summary>
    /// <returns>The run's final snapshot.</returns>
    public static async Task<RunSnapshot> ShowAsync(IAnsiConsole console, string title, RunProgress progress, Task<RunSnapshot> run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(run);
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: Math.Max(1, progress.Total));
                while (!run.IsCompleted)
                {
                    Update(task, title, progress.Snapshot());
                    await Task.WhenAny(run, Task.Delay(Refresh));
                }

                if (run.IsCompletedSuccessfully)
                {
                    Update(task, title, run.Result);
                }
            });

        var final = await run;
        console.Write(Summary(title, final));
        return final;
    }

    /// <summary>The summary table of a finished (or current) run.</summary>
    public static Table Summary(string title, RunSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var table = new Table().Title(title).AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("events/s", Format(snapshot.EventsPerSecond));
        table.AddRow("sent", Format(snapshot.Sent));
        table.AddRow("  samples (metrics.raw)", Format(snapshot.Samples));
        table.AddRow("  logs (logs.raw)", Format(snapshot.Logs));
        table.AddRow("  labels (labels)", Format(snapshot.Labels));
        table.AddRow("acked", Format(snapshot.Acknowledged));
        table.AddRow("failed", snapshot.Failed == 0 ? "0" : $"[red]{Format(snapshot.Failed)}[/]");
        table.AddRow("unconfirmed", Format(snapshot.InFlight));
        table.AddRow("behind schedule", snapshot.Behind.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture) + " s");
        table.AddRow("wall time", snapshot.Elapsed.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture) + " s");
        return table;
    }

    private static void Update(ProgressTask task, string title, RunSnapshot snapshot)
    {
        task.Value = snapshot.Done;
        task.Description = string.Create(
            CultureInfo.InvariantCulture,
            $"{title}: {snapshot.EventsPerSecond:N0} ev/s, sent {snapshot.Sent:N0}, acked {snapshot.Acknowledged:N0}, failed {snapshot.Failed:N0}, labels {snapshot.Labels:N0}, behind {snapshot.Behind.TotalSeconds:N1} s");
    }

    private static string Format(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
