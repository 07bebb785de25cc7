using Streams.Alerting.Lifecycle;
using Streams.Platform.Kafka.Streamiz;
using Streams.Platform.Security;
using Streams.Topology.State;

namespace Streams.Alerter;

/// <summary>The <c>Alerting</c> configuration section.</summary>
public sealed class AlerterOptions : StreamizRoleOptions
{
    /// <summary>Streamiz' application id is also the consumer group, whose lag `streams status` shows.</summary>
    public const string DefaultApplicationId = "streams-alerting";

    public const string SectionName = "Alerting";

    public override string ApplicationId { get; set; } = DefaultApplicationId;

    /// <summary>Where RocksDB keeps every host's alerts; a directory per instance.</summary>
    public override string StateDir { get; set; } = StreamsDataDirectory.DefaultPath("Alerting:StateDir");

    public StateStoreKind Stores { get; set; } = StateStoreKind.RocksDb;

    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan FlapWindow { get; set; } = TimeSpan.FromHours(1);

    public int FlapThreshold { get; set; } = 4;

    /// <summary>Write the default rules to an empty alert-rules topic, so a fresh platform alerts out of the box.</summary>
    public bool SeedDefaultRules { get; set; } = true;

    /// <summary>How long the role reads alert-rules before it starts: alerts must not be judged by a half-read rule set.</summary>
    public TimeSpan ConfigCatchUpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public AlertingOptions Lifecycle() => new() { TickInterval = TickInterval, FlapWindow = FlapWindow, FlapThreshold = FlapThreshold };
}
