using Streamiz.Kafka.Net;

namespace Streams.Platform.Kafka.Streamiz;

/// <summary>A Streamiz application's state as its role last saw it.</summary>
public sealed record StreamStatus(string ApplicationId, KafkaStream.State State, DateTimeOffset Since);
