namespace Streams.Schemas.Topics;

/// <summary>Kafka's <c>cleanup.policy</c> for a topic.</summary>
public enum CleanupPolicy
{
    Delete,
    Compact,
}
