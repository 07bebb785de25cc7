using System.Diagnostics;
using System.Globalization;
using Streams.Scoring.Fleet;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Learning;
using Streams.Topology.Scoring;

namespace Streams.Evaluation.Runs;

/// <summary>
/// Replays one host's windows, in time order, through the live scorer's own code and schedule:
/// its <see cref="LiveHost"/> (the detector's feature layout, the <see cref="HostScorer"/> and the
/// run of windows over the threshold the alert rules read), and its <see cref="RetrainPolicy"/>
/// (rolling history, provisional then mature models, an incident in progress left out), as
/// ScoreTransformer runs them with TrainOffThread false: a model that falls due is fitted in the
/// window that made it due and scores the next one. Until the first model exists, the live
/// cold start judges the host when it is on (<see cref="ColdStartScorer"/>, change detector only:
/// a replayed host has no peers, so no fleet prior). Without a policy, the detector given to
/// <see cref="TrainOnce"/> scores every window (the literature's train-once protocol).
/// Shared by every evaluation so they all measure what runs.
/// </summary>
internal sealed class LiveReplay
{
    private readonly string[] names;
    private readonly HostDetectorOptions options;
    private readonly RetrainPolicy? policy;
    private readonly MemoryHistory? history;
    private readonly ColdStartScorer? coldStart;
    private LearningProgress progress;

    /// <param name="names">The host's feature names, the same in every window.</param>
    /// <param name="options">The detector settings of the models the replay trains.</param>
    /// <param name="policy">The live retraining schedule; null for train-once (call <see cref="TrainOnce"/> first).</param>
    /// <param name="coldStart">The live cold start (<c>Scorer:ColdStart</c>), judging the host until its first model; null or disabled: nothing does.</param>
    public LiveReplay(IReadOnlyList<string> names, HostDetectorOptions options, RetrainPolicy? policy, ColdStartOptions? coldStart = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(options);
        policy?.Validate();
        this.names = [.. names];
        this.options = options;
        this.policy = policy;
        history = policy is null ? null : new MemoryHistory(policy.SpanWindows);
        this.coldStart = policy is not null && coldStart is { Enabled: true } ? new ColdStartScorer(coldStart) : null;
    }

    /// <summary>The host as the live scorer holds it; null until its first model exists.</summary>
    public LiveHost? Host { get; private set; }

    /// <summary>The cold start that judged the last window (its features and ratios explain an anomaly); null when it did not.</summary>
    public ColdStartScorer? ColdStart => ColdStartVerdict is null ? null : coldStart;

    /// <summary>The cold start's verdict on the last window; null when a model scored it or nothing judged it yet.</summary>
    public ColdStartScore? ColdStartVerdict { get; private set; }

    /// <summary>Whether the last window was anomalous to whatever judged it: the model, else the cold start.</summary>
    public bool IsAnomaly { get; private set; }

    /// <summary>The last window's score over its judge's threshold (over 1 is over it); 0 while nothing judges the host.</summary>
    public double Ratio { get; private set; }

    /// <summary>Models fitted so far (a fit that could not make one is not counted).</summary>
    public int Models { get; private set; }

    public TimeSpan TrainingTime { get; private set; }

    public TimeSpan ScoringTime { get; private set; }

    /// <summary>Trains the one detector of the train-once protocol on <paramref name="rows"/> (row-major, one row per window).</summary>
    public void TrainOnce(double[] rows)
    {
        var start = Stopwatch.GetTimestamp();
        Install(HostDetector.Train(names, rows, options));
        TrainingTime += Stopwatch.GetElapsedTime(start);
    }

    /// <summary>
    /// Scores the host's next window with the model the schedule has reached (null while there is
    /// none), records it in the history with whether it was over the threshold, and fits the next
    /// model when one is due. The replay keeps <paramref name="values"/>: pass a fresh array per window.
    /// </summary>
    public HostScore? Next(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var start = Stopwatch.GetTimestamp();
        HostScore? score = null;
        var over = false;
        ColdStartVerdict = null;
        if (Host is { } host)
        {
            host.Align(names, values, []);
            var scored = host.Scorer.Score(host.Features, host.Present);
            over = scored.Score > scored.Threshold;

            // As ScoreTransformer.Score counts it: anomalies carry the run as consecutiveWindows.
            host.Run = over ? host.Run + 1 : 0;
            score = scored;
        }
        else if (coldStart is not null)
        {
            // As ScoreTransformer.JudgeColdStart, and as there its windows count as not over the
            // threshold in the history; a replayed host has no peers, so no fleet prior.
            ColdStartVerdict = coldStart.Judge(names, values, [], prior: null).Verdict;
        }

        (IsAnomaly, Ratio) = (score, ColdStartVerdict) switch
        {
            ({ } model, _) => (model.IsAnomaly, model.Score / model.Threshold),
            (null, { } verdict) => (verdict.IsAnomaly, verdict.Score / ColdStartScore.Threshold),
            _ => (false, 0.0),
        };

        if (policy is not null && history is not null)
        {
            progress = policy.Record(history, progress, new HistoryRow(names, values, [], over));
            if (policy.IsDue(progress, Host is not null))
            {
                var fit = Stopwatch.GetTimestamp();
                ScoringTime += Stopwatch.GetElapsedTime(start, fit);
                var job = policy.Snapshot(history, progress, options);
                progress = RetrainPolicy.Trained(progress, job);
                if (job.Run() is { } detector)
                {
                    Install(detector);
                }

                TrainingTime += Stopwatch.GetElapsedTime(fit);
                return score;
            }
        }

        ScoringTime += Stopwatch.GetElapsedTime(start);
        return score;
    }

    // As ScoreTransformer.Install: the same layout swaps the detector under the host's scorer, so
    // its series history and run carry over; another layout starts a new host.
    private void Install(HostDetector detector)
    {
        Models++;
        var model = new HostModel("replay", Models.ToString(CultureInfo.InvariantCulture), detector);
        if (Host is { } host && host.Model.Detector.FeatureNames.Count == detector.FeatureNames.Count)
        {
            host.Swap(model, announced: false);
        }
        else
        {
            Host = new LiveHost(model, announced: false);
        }
    }
}
