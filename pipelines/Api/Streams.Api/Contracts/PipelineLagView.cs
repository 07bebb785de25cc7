namespace Streams.Api.Contracts;

/// <summary>
/// How far each stage's consumer group trails its input, as the lag monitor of this process last
/// read it: <c>measured</c> is false where no monitor runs (a process without the api or platform
/// role) or Kafka did not answer.
/// </summary>
internal sealed record PipelineLagView(bool Measured, IReadOnlyList<ConsumerLagView> Lags);
