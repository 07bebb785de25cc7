using Streams.Scoring.HostDetection;

namespace Streams.Scoring.Learning;

/// <summary>
/// When and on what a host's own detector is (re)trained: the one schedule of the live scorer and
/// of the evaluation's live protocol. A host's windows go into a rolling history of the last
/// <see cref="SpanWindows"/>; a provisional model is trained after <see cref="FirstWindows"/>, retrained
/// each time the history doubles until it is <see cref="MatureWindows"/> long, then every
/// <see cref="RetrainEvery"/> windows on the latest span. Counts are in windows (10 s live, 1 min in SMD).
/// </summary>
public sealed record RetrainPolicy
{
    /// <summary>
    /// Windows before the first, provisional model: 60 = 10 min of 10 s windows. Enough for the
    /// series history (9) and a held-out calibration tail of 12; the wider threshold pays for the rest.
    /// </summary>
    public int FirstWindows { get; init; } = 60;

    /// <summary>
    /// History at which a model is no longer provisional: 360 = 1 h of 10 s windows, the warm-up the
    /// scorer used to wait for (a 72-window calibration tail, where a 0.25 % quantile is still an interpolation, not the maximum).
    /// </summary>
    public int MatureWindows { get; init; } = 360;

    /// <summary>Windows between two retrainings of a mature model: 1080 = 3 h of 10 s windows (Netdata's cadence).</summary>
    public int RetrainEvery { get; init; } = 1080;

    /// <summary>
    /// The rolling span a model is trained on: 8640 = 24 h of 10 s windows, one whole daily cycle
    /// (Netdata trains on 6 h but keeps 18 models, ~54 h, and its users lengthen it for daily
    /// jobs; here one model stands alone). Checked without test labels: replaying the first half
    /// of SMD train/ as history and the second as "test", the alarm rate on the second half was
    /// 5.7 % with a 2160-window span, 2.3 % with 4320 and 1.5 % with 8640 (machines 1-2, 1-5, 1-7).
    /// </summary>
    public int SpanWindows { get; init; } = 8640;

    /// <summary>Factor on a provisional model's thresholds: its calibration tail is short, so its quantiles are optimistic.</summary>
    public double YoungMargin { get; init; } = 1.5;

    /// <summary>
    /// An incident in progress (the windows over the threshold at the end of the history, without
    /// a break) is left out of training, so it is not learned as normal, until it has lasted this
    /// long: 360 = 1 h of 10 s windows; a state that lasts longer is the host's new normal (a level
    /// that stepped and stayed) and is learned like the rest. Incidents that ended are learned
    /// too, as Netdata does: leaving out every window a model once flagged would keep it from ever
    /// learning a phase it got wrong. Only a mature model's flags count; a provisional one's are
    /// too unreliable to withhold windows on.
    /// </summary>
    public int IncidentWindows { get; init; } = 360;

    /// <summary>The history slot of the window with index <paramref name="index"/>: the history is a ring of <see cref="SpanWindows"/>.</summary>
    public int Slot(long index) => (int)(index % SpanWindows);

    /// <summary>Whether a model is due after the windows of <paramref name="progress"/>, for a host that has one (<paramref name="trained"/>) or not.</summary>
    public bool IsDue(LearningProgress progress, bool trained)
    {
        if (!trained)
        {
            return progress.Seen - progress.TrainedAt >= FirstWindows;
        }

        return progress.TrainedAt < MatureWindows
            ? progress.Seen >= Math.Min(2 * progress.TrainedAt, MatureWindows)
            : progress.Seen - progress.TrainedAt >= RetrainEvery;
    }

    /// <summary>Windows until the next model of a host at <paramref name="progress"/> is due (0: due now).</summary>
    public long WindowsToNext(LearningProgress progress, bool trained)
    {
        var due = !trained ? progress.TrainedAt + FirstWindows
            : progress.TrainedAt < MatureWindows ? Math.Min(2 * progress.TrainedAt, MatureWindows)
            : progress.TrainedAt + RetrainEvery;
        return Math.Max(0, due - progress.Seen);
    }

    /// <summary>The phase of a host scored by its own model (or not yet) at <paramref name="progress"/>.</summary>
    public HostPhase PhaseOf(LearningProgress progress, bool trained) =>
        !trained ? HostPhase.Learning : Math.Min(progress.TrainedAt, SpanWindows) < MatureWindows ? HostPhase.Provisional : HostPhase.Scoring;

    /// <summary>Records the host's next window in its history and returns the progress after it.</summary>
    public LearningProgress Record(IHistoryStore history, LearningProgress progress, HistoryRow row)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(row);
        history.Write(Slot(progress.Seen), row);
        return progress with { Seen = progress.Seen + 1 };
    }

    /// <summary>
    /// Snapshots the latest span of the history for training: an incident in progress left out
    /// (see <see cref="IncidentWindows"/>), and a provisional model's thresholds widened.
    /// </summary>
    public TrainingJob Snapshot(IHistoryStore history, LearningProgress progress, HostDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var count = (int)Math.Min(progress.Seen, SpanWindows);
        var span = new List<HistoryRow>(count);
        for (var index = progress.Seen - count; index < progress.Seen; index++)
        {
            if (history.Read(Slot(index)) is { } row)
            {
                span.Add(row);
            }
        }

        var ongoing = 0;
        while (ongoing < span.Count && span[span.Count - 1 - ongoing].Anomalous)
        {
            ongoing++;
        }

        if (progress.TrainedAt >= MatureWindows && ongoing < IncidentWindows)
        {
            span.RemoveRange(span.Count - ongoing, ongoing);
        }

        return new TrainingJob(span, progress.Seen, options, count < MatureWindows ? YoungMargin : 1.0);
    }

    /// <summary>The progress once the model of <paramref name="job"/> scores the host.</summary>
    public static LearningProgress Trained(LearningProgress progress, TrainingJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return progress with { TrainedAt = job.Seen };
    }

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FirstWindows, MinimumWindows);
        ArgumentOutOfRangeException.ThrowIfLessThan(MatureWindows, FirstWindows);
        ArgumentOutOfRangeException.ThrowIfLessThan(SpanWindows, MatureWindows);
        ArgumentOutOfRangeException.ThrowIfLessThan(RetrainEvery, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(YoungMargin, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(IncidentWindows, 0);
    }

    /// <summary>The shortest history a detector can be trained on: the series history plus a held-out tail.</summary>
    public const int MinimumWindows = 16;
}
