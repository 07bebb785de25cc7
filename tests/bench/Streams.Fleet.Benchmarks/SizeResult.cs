namespace Streams.Fleet.Benchmarks;

/// <summary>One fleet size's figures, as printed and written to the JSON file.</summary>
internal sealed record SizeResult
{
    public required int Servers { get; init; }

    /// <summary>Samples the simulator had acknowledged, per second of its run.</summary>
    public required double SamplesPerSecond { get; init; }

    public required long Samples { get; init; }

    /// <summary>10 s windows measured, and how long after its close (end + grace) each reached a consumer.</summary>
    public required int Windows { get; init; }

    public required double WindowP50Ms { get; init; }

    public required double WindowP99Ms { get; init; }

    /// <summary>Probe anomalies sent, webhooks received, and anomaly produced → webhook received.</summary>
    public required int Probes { get; init; }

    public required int Webhooks { get; init; }

    public required double WebhookP50Ms { get; init; }

    public required double WebhookP99Ms { get; init; }

    /// <summary>Rows added to metrics_raw per second over the measured span.</summary>
    public required double ClickHouseRowsPerSecond { get; init; }

    /// <summary>metrics_raw rows (less gap markers and forward fills) + dead letters − acknowledged samples, after the drain: negative is loss.</summary>
    public required long RowsMinusSamples { get; init; }

    public required double Cores { get; init; }

    public required double CpuMicrosecondsPerSample { get; init; }

    public required double MaxRssMiB { get; init; }

    public required long DeadLetters { get; init; }

    /// <summary>Records the embedded broker dropped before a consumer read them (streams_kafka_data_loss_total).</summary>
    public required long BrokerDropped { get; init; }

    /// <summary>The largest lag of any stage (group and topic) seen over the measured span, and where.</summary>
    public required long MaxLag { get; init; }

    public required string MaxLagAt { get; init; }

    /// <summary>Each stage's lag after the simulator stopped and the drain ended.</summary>
    public required long LagAfterDrain { get; init; }

    /// <summary>Held in real time: every stage's lag bounded (below two collection intervals of its topic's input) over the run, back to under one interval after the drain, nothing dropped by the broker.</summary>
    public required bool Held { get; init; }

    public PeerResult? Prometheus { get; init; }

    /// <summary>Streams' CPU per sample over Prometheus' CPU per appended sample.</summary>
    public double? CpuRatio => Prometheus is { CpuMicrosecondsPerSample: > 0 } peer ? CpuMicrosecondsPerSample / peer.CpuMicrosecondsPerSample : null;
}
