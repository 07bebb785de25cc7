namespace Streams.Deployment.Tests.Compose;

internal sealed record ScriptedTopic(string Name, int Partitions, string CleanupPolicy, string RetentionMs);
