namespace Streams.Platform.Kafka.Protocol;

/// <summary>The Kafka API keys the journal interprets, and the first version of each that uses the flexible encoding.</summary>
internal static class ApiKeys
{
    public const short Produce = 0;
    public const short Fetch = 1;
    public const short Metadata = 3;
    public const short OffsetCommit = 8;

    public static bool IsFlexible(short apiKey, short version) => apiKey switch
    {
        Produce => version >= 9,
        Fetch => version >= 12,
        Metadata => version >= 9,
        OffsetCommit => version >= 8,
        _ => false,
    };
}
