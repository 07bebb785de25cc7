using Microsoft.Extensions.Logging.Abstractions;
using Streamiz.Kafka.Net;
using Streams.Platform.Kafka.Streamiz;

namespace Streams.Platform.Kafka.Tests.Streamiz;

public sealed class StreamizRoleOptionsTests
{
    [Theory]
    [InlineData(ProcessingGuarantee.AT_LEAST_ONCE, 1000)]
    [InlineData(ProcessingGuarantee.AT_LEAST_ONCE, 45_000)]
    [InlineData(ProcessingGuarantee.EXACTLY_ONCE, 250)]
    public void ToStreamConfig_KeepsTheConfiguredCommitInterval_WhateverTheGuarantee(ProcessingGuarantee guarantee, int commitIntervalMs)
    {
        // Streamiz resets the commit interval whenever the guarantee is set (to 30 s for
        // at-least-once): the roles committed every 30 s for as long as it came second.
        var options = new Role { Guarantee = guarantee, CommitIntervalMs = commitIntervalMs };

        var config = options.ToStreamConfig("127.0.0.1:9092", NullLoggerFactory.Instance);

        Assert.Equal(commitIntervalMs, config.CommitIntervalMs);
        Assert.Equal(guarantee, config.Guarantee);
    }

    [Fact]
    public void ToStreamConfig_CarriesEverySetting()
    {
        var options = new Role { ApplicationId = "app-x", StateDir = "/state/x", StreamThreads = 3, SessionTimeoutMs = 7000, FetchWaitMaxMs = 42, PollMs = 7, InternalTopicReplicationFactor = 3 };

        var config = options.ToStreamConfig("broker:9093", NullLoggerFactory.Instance);

        Assert.Equal(("app-x", "broker:9093", "/state/x", 3), (config.ApplicationId, config.BootstrapServers, config.StateDir, config.NumStreamThreads));
        Assert.Equal(((int?)7000, (int?)42, 7L, 3), (config.SessionTimeoutMs, config.FetchWaitMaxMs, config.PollMs, config.ReplicationFactor));
        Assert.Equal(Confluent.Kafka.AutoOffsetReset.Earliest, config.AutoOffsetReset);
    }

    private sealed class Role : StreamizRoleOptions
    {
        public override string ApplicationId { get; set; } = "role";

        public override string StateDir { get; set; } = "/tmp/role";
    }
}
