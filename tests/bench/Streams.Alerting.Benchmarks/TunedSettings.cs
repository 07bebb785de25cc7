namespace Streams.Alerting.Benchmarks;

/// <summary>The settings <see cref="TunedAlerting"/> puts on its StreamConfig; null leaves Streamiz' or librdkafka's default.</summary>
internal sealed record TunedSettings(int FetchWaitMaxMs, int? LingerMs, int? PollMs)
{
    public override string ToString() =>
        $"fetch.wait.max.ms={FetchWaitMaxMs}" + (LingerMs is { } linger ? $", linger.ms={linger}" : "") + (PollMs is { } poll ? $", poll.ms={poll}" : "");
}
