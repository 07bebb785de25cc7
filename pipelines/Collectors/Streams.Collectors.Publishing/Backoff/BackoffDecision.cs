namespace Streams.Collectors.Publishing.Backoff;

/// <summary>Whether to hold back, from the last decision and the lag just read: over the bound holds, at or under the resume level sends, between keeps the last decision.</summary>
public static class BackoffDecision
{
    /// <param name="lag">Records the processor trails by; null when unknown (it never committed, Kafka did not answer): then send, since holding back cannot help a pipeline nobody measures.</param>
    public static bool HoldBack(bool holding, long? lag, long maxLag, long resumeAt) => lag switch
    {
        null => false,
        var l when l > maxLag => true,
        var l when l <= resumeAt => false,
        _ => holding,
    };
}
