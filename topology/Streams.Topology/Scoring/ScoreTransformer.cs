using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using io.streams.avro;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streams.Scoring.Artifacts;
using Streams.Scoring.Fleet;
using Streams.Scoring.HostDetection;
using Streams.Scoring.Learning;
using Streams.Topology.DeadLetters;
using Streams.Topology.Metrics;
using Streams.Topology.Tracing;

namespace Streams.Topology.Scoring;

/// <summary>
/// Scores each host's windows with its current detector and keeps each host without an announced
/// model learning (<see cref="RetrainPolicy"/>). Reads raw bytes so an undecodable window becomes
/// a dead letter rather than stopping the stream thread. The model is checked against the
/// registry before every window, so a new version takes over exactly at the next window of the
/// host: none is skipped and none is scored twice.
/// </summary>
[SuppressMessage("Performance", "CA1812", Justification = "Streamiz creates one per task with Activator.")]
internal sealed class ScoreTransformer : ITransformer<string, byte[], string, ScoreOutcome>
{
    private static readonly LearningStateSerDes States = new();
    private readonly ScoreSettings? settings;
    private readonly ISerDes<MetricWindow>? windows;
    private readonly Dictionary<string, LiveHost> live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TrainingJob Job, Task<HostDetector?> Fit)> training = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ColdStartScorer> coldStart = new(StringComparer.Ordinal);
    private IKeyValueStore<string, LearningState>? hosts;
    private IKeyValueStore<string, HistoryRow>? warmup;

    /// <summary>The prototype Streamiz' TransformerBuilder creates; each task gets an instance from the other constructor.</summary>
    public ScoreTransformer()
    {
    }

    public ScoreTransformer(ScoreSettings settings, ISerDes<MetricWindow> windows)
    {
        this.settings = settings;
        this.windows = windows;
    }

    public void Init(ProcessorContext<string, ScoreOutcome> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        hosts = (IKeyValueStore<string, LearningState>)context.GetStateStore(ScoreWindows.HostStoreName);
        warmup = (IKeyValueStore<string, HistoryRow>)context.GetStateStore(ScoreWindows.WarmupStoreName);
    }

    public Record<string, ScoreOutcome> Process(Record<string, byte[]> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var span = TopologyTracing.StartStage(record.Headers, ScoreWindows.StageName);
        var options = Ready(settings).Options;
        MetricWindow? window;
        try
        {
            window = record.Value is { Length: > 0 }
                ? Ready(windows).Deserialize(record.Value, new SerializationContext(MessageComponentType.Value, record.TopicPartitionOffset.Topic, record.Headers))
                : null;
        }
        catch (InvalidDataException e)
        {
            return Reject(record, RejectReason.MalformedAvro, e.Message);
        }

        if (window is null)
        {
            return Reject(record, RejectReason.MalformedAvro, "empty value (tombstone): a metric window was expected");
        }

        if (window.windowSizeMs != options.WindowSizeMs)
        {
            return Record<string, ScoreOutcome>.Create(record.Key, ScoreOutcome.None);
        }

        if (string.IsNullOrEmpty(window.host))
        {
            return Reject(record, RejectReason.MissingIdentity, "the window has no host");
        }

        if (window.features.Count != window.featureNames.Count || (window.present.Count != 0 && window.present.Count != window.featureNames.Count))
        {
            return Reject(record, ScoreWindows.MisalignedFeatures,
                string.Create(CultureInfo.InvariantCulture, $"{window.featureNames.Count} feature names, {window.features.Count} features and {window.present.Count} presence flags"));
        }

        if (Announced(window.host) is { } announced)
        {
            Cover(window.host, HostPhase.Announced, announced.Model.Version, null);
            return Record<string, ScoreOutcome>.Create(record.Key, new ScoreOutcome(Score(window, announced).Anomaly, null));
        }

        return Record<string, ScoreOutcome>.Create(record.Key, Learn(window));
    }

    public void Close()
    {
        // A fit still running is dropped: its host's stored progress does not count it, so the
        // next owner of the partition trains it again from the stored history.
        training.Clear();
    }

    // An announced model replaces whatever the host scores with, and stops its learning; a host
    // whose announcement was withdrawn keeps the announced detector until the scorer restarts.
    private LiveHost? Announced(string host)
    {
        var models = Ready(settings).Models;
        live.TryGetValue(host, out var current);
        if (models.TryGet(host, out var announced))
        {
            if (current is null)
            {
                current = new LiveHost(announced, announced: true);
                live[host] = current;
            }
            else if (!current.Announced || current.Model.Version != announced.Version)
            {
                current.Swap(announced, announced: true);
            }

            StopLearning(host);
            coldStart.Remove(host);
            return current;
        }

        return current is { Announced: true } ? current : null;
    }

    private (Anomaly? Anomaly, bool Over) Score(MetricWindow window, LiveHost host)
    {
        var (options, _, _, status, time) = Ready(settings);
        host.Align(window.featureNames, window.features, window.present);
        var score = host.Scorer.Score(host.Features, host.Present);
        var over = score.Score > score.Threshold;
        host.Run = over ? host.Run + 1 : 0;
        status.Scored(new ScoredWindow(window.host, EpochMs.Of(window.window.start), host.Model.Version, score.Score, score.IsAnomaly));
        return (score.IsAnomaly ? AnomalyRecord.Create(window, host, score, options.TopContributions, time.GetUtcNow()) : null, over);
    }

    // Continual learning (RetrainPolicy): the window is scored with the host's own model if it
    // has one (else by its cold-start judge), recorded in its rolling history with whether it was
    // over the threshold, and a new model is trained when the policy says one is due: on the
    // thread pool, so the stream thread only reads the span out of the store (one get per window
    // of the span, once per RetrainEvery windows; the fit itself, 1.8 s for 8640 windows of 38
    // series in the scoring benchmark, never runs there), and swapped in at the first window of
    // the host after it ends. A new model, or a new cold-start judge, is published on models.
    private ScoreOutcome Learn(MetricWindow window)
    {
        var (options, _, _, status, time) = Ready(settings);
        var policy = options.Learning;
        var host = window.host;
        var state = Hosts.Get(host) ?? Adopt(host);
        (state, var published) = Install(host, state, window);
        var current = Own(host, state);
        Anomaly? anomaly = null;
        var over = false;
        var phase = HostPhase.Learning;
        if (current is not null)
        {
            (anomaly, over) = Score(window, current);
        }
        else
        {
            (anomaly, phase) = JudgeColdStart(window);
        }

        var history = new HostHistory(Warmup, host);
        var progress = policy.Record(history, state.Progress, new HistoryRow([.. window.featureNames], [.. window.features], [.. window.present], over));
        state = state with { Progress = progress };
        if (!training.ContainsKey(host) && policy.IsDue(progress, current is not null))
        {
            var job = policy.Snapshot(history, progress, options.Detector);
            training[host] = (job, options.TrainOffThread ? Task.Run(job.Run) : Task.FromResult(job.Run()));
            if (!options.TrainOffThread)
            {
                (state, var trained) = Install(host, state, window);
                published ??= trained;
            }
        }

        var own = state.Model is not null;
        if (own)
        {
            phase = policy.PhaseOf(state.Progress, trained: true);
        }
        else if (status.PhaseOf(host) != phase)
        {
            state = state with { Version = ModelVersion.Next(time.GetUtcNow(), state.Version) };
            published = SelfRecord(host, state, phase, window, model: null, job: null);
        }

        Hosts.Put(host, state);
        Cover(host, phase, own ? state.Version : null, NextModelAt(window, state.Progress, own));
        return new ScoreOutcome(anomaly, null, published);
    }

    // Before its own model exists: nothing while the change detector warms up and the group has
    // no prior, then the change detector, with the prior on levels as soon as there is one.
    private (Anomaly? Anomaly, HostPhase Phase) JudgeColdStart(MetricWindow window)
    {
        var (options, _, fleet, status, time) = Ready(settings);
        if (!options.ColdStart.Enabled)
        {
            return (null, HostPhase.Learning);
        }

        var host = window.host;
        if (!coldStart.TryGetValue(host, out var scorer))
        {
            scorer = new ColdStartScorer(options.ColdStart);
            coldStart[host] = scorer;
        }

        var prior = fleet.PriorFor(host);
        var (verdict, phase) = scorer.Judge(window.featureNames, window.features, window.present, prior);
        if (verdict is not { } score)
        {
            return (null, phase);
        }

        status.Scored(new ScoredWindow(host, EpochMs.Of(window.window.start), HostCoverage.Name(phase), score.Score, score.IsAnomaly));
        return (score.IsAnomaly ? AnomalyRecord.ColdStart(window, scorer, score, prior, options.TopContributions, time.GetUtcNow()) : null, phase);
    }

    // A host this scorer holds no state of (a new instance, lost local state, a renamed
    // application) starts from the model another scorer published for it, not from zero; its
    // schedule resumes as if that model had been trained here, on the history this scorer now gathers.
    private LearningState Adopt(string host)
    {
        if (Ready(settings).Fleet.Trained(host) is { Model: { } bytes } published)
        {
            try
            {
                var detector = HostDetectorArtifact.Deserialize(bytes);
                live[host] = new LiveHost(new HostModel(ModelMetadata.HostModelName(host), published.Version, detector), announced: false);
                var seen = published.WindowsSeen ?? published.TrainingRows;
                return new LearningState(new LearningProgress(seen, seen), published.Version, bytes);
            }
            catch (InvalidDataException)
            {
                // An artifact this scorer cannot read: the host learns from zero, as without one.
            }
        }

        return new LearningState(default, null, null);
    }

    // The host's self-trained scorer: in memory, or loaded from the store after a restart or a rebalance.
    private LiveHost? Own(string host, LearningState state)
    {
        if (live.TryGetValue(host, out var current))
        {
            return current;
        }

        if (state is { Model: { } bytes, Version: { } version })
        {
            current = new LiveHost(new HostModel(ModelMetadata.HostModelName(host), version, HostDetectorArtifact.Deserialize(bytes)), announced: false);
            live[host] = current;
        }

        return current;
    }

    // Swaps in the host's finished fit, if any, and returns the record that publishes it. A fit
    // that could not make a model (too few usable windows) still moves the schedule on, so it is
    // tried again a cadence later, not at every window.
    private (LearningState State, ModelMetadata? Published) Install(string host, LearningState state, MetricWindow window)
    {
        if (!training.TryGetValue(host, out var pending) || !pending.Fit.IsCompleted)
        {
            return (state, null);
        }

        training.Remove(host);
        var progress = RetrainPolicy.Trained(state.Progress, pending.Job);
        if (pending.Fit.Status != TaskStatus.RanToCompletion || pending.Fit.Result is not { } detector)
        {
            return (state with { Progress = progress }, null);
        }

        var (options, _, fleet, _, time) = Ready(settings);
        var version = ModelVersion.Next(time.GetUtcNow(), state.Version);
        var model = new HostModel(ModelMetadata.HostModelName(host), version, detector);
        if (live.TryGetValue(host, out var current) && current.Model.Detector.FeatureNames.Count == detector.FeatureNames.Count)
        {
            current.Swap(model, announced: false);
        }
        else
        {
            live[host] = new LiveHost(model, announced: false);
        }

        coldStart.Remove(host);
        var installed = new LearningState(progress, version, HostDetectorArtifact.Serialize(detector));
        var record = SelfRecord(host, installed, options.Learning.PhaseOf(progress, trained: true), window, detector, pending.Job);
        (installed, record) = Bounded(installed, record);
        fleet.Publish(record);
        return (installed, record);
    }

    // Produced, a record over the producers' message size fails the stream thread. A model that
    // large keeps scoring from memory, is not stored (a restart or the next owner judges the host
    // by its cold start and retrains it from the stored history once FirstWindows windows have
    // passed since this fit) and travels without its artifact (no scorer can adopt it;
    // its ranges still feed the fleet prior if they fit), and the status counts and reports it.
    private (LearningState State, ModelMetadata Record) Bounded(LearningState state, ModelMetadata record)
    {
        var (options, _, _, status, _) = Ready(settings);
        var limit = options.MaxRecordBytes;
        var stateBytes = Encoding.UTF8.GetByteCount(record.Host) + States.Serialize(state, default).Length;
        var recordBytes = Encoding.UTF8.GetByteCount(record.Name) + Encoding.UTF8.GetByteCount(record.ToJson());
        if (stateBytes <= limit && recordBytes <= limit)
        {
            return (state, record);
        }

        status.Oversized(new OversizedModel(record.Host, record.Version, record.FeatureNames.Count, Math.Max(stateBytes, recordBytes), limit));
        var slim = record with { Model = null };
        if (Encoding.UTF8.GetByteCount(record.Name) + Encoding.UTF8.GetByteCount(slim.ToJson()) > limit)
        {
            slim = slim with { Ranges = null, FeatureNames = [] };
        }

        return (stateBytes <= limit ? state : state with { Model = null }, slim);
    }

    // The host's self/ record on models: what judges it, and with its own model the artifact and
    // training ranges, so other scorers can adopt it and pool it into their fleet priors.
    private ModelMetadata SelfRecord(string host, LearningState state, HostPhase phase, MetricWindow window, HostDetector? model, TrainingJob? job)
    {
        var (options, _, fleet, _, time) = Ready(settings);
        return new ModelMetadata
        {
            Name = ModelMetadata.SelfModelName(host),
            Host = host,
            Version = state.Version!,
            Kind = model is null ? HostCoverage.Name(phase) : ModelMetadata.HostModelKind,
            FeatureNames = model?.FeatureNames ?? [.. window.featureNames],
            Threshold = model?.Threshold ?? ColdStartScore.Threshold,
            Source = "scorer",
            TrainingRows = job?.Rows ?? 0,
            CreatedAt = time.GetUtcNow(),
            Origin = ModelMetadata.SelfTrainedOrigin,
            Coverage = HostCoverage.Name(phase),
            Group = fleet.Groups.Of(host),
            WindowsSeen = job?.Seen,
            NextRetrainAt = NextModelAt(window, state.Progress, model is not null),
            Model = model is null ? null : state.Model,
            Ranges = job?.Ranges,
        };
    }

    private DateTimeOffset NextModelAt(MetricWindow window, LearningProgress progress, bool trained)
    {
        var options = Ready(settings).Options;
        return new DateTimeOffset(window.window.end, TimeSpan.Zero).AddMilliseconds(options.Learning.WindowsToNext(progress, trained) * (double)options.WindowSizeMs);
    }

    // Coverage changes a few times in a host's life; the version's time is parsed only then.
    private void Cover(string host, HostPhase phase, string? version, DateTimeOffset? next)
    {
        var status = Ready(settings).Status;
        var known = status.CoverageOf(host);
        var trainedAt = known is { } k && k.ModelVersion == version ? k.TrainedAt : ModelVersion.TimeOf(version);
        status.Cover(new HostCoverage(host, phase, version, trainedAt, next));
    }

    private void StopLearning(string host)
    {
        training.Remove(host);
        if (Hosts.Get(host) is { Progress.Seen: > 0 } state)
        {
            var history = new HostHistory(Warmup, host);
            var policy = Ready(settings).Options.Learning;
            for (var index = Math.Max(0, state.Progress.Seen - policy.SpanWindows); index < state.Progress.Seen; index++)
            {
                history.Delete(policy.Slot(index));
            }

            Hosts.Put(host, state with { Progress = default });
        }
    }

    private IKeyValueStore<string, LearningState> Hosts => Ready(hosts);

    private IKeyValueStore<string, HistoryRow> Warmup => Ready(warmup);

    private static T Ready<T>(T? part)
        where T : class =>
        part ?? throw new InvalidOperationException("ScoreTransformer: the prototype instance processed a record, or Init was not called.");

    private static Record<string, ScoreOutcome> Reject(Record<string, byte[]> record, string reason, string detail) =>
        Record<string, ScoreOutcome>.Create(
            record.Key,
            new ScoreOutcome(null, new Rejection(ScoreWindows.StageName, reason, detail, record.Value ?? [], record.TopicPartitionOffset)));
}
