namespace Streams.Platform.Kafka;

/// <summary>The body of <c>POST /platform/kafka/topics</c>.</summary>
public sealed record TopicRequest(string Name, int Partitions)
{
    /// <summary>Why the request is unacceptable, or null when it is fine. Kafka's own rules for names.</summary>
    public string? Validate()
    {
        if (string.IsNullOrEmpty(Name) || Name.Length > 249 || Name is "." or ".." || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return $"'{Name}' is not a legal topic name: 1 to 249 characters of a-z, A-Z, 0-9, '.', '_' and '-', and not '.' or '..'.";
        }

        return Partitions is < 1 or > 10_000 ? $"partitions must be 1 to 10000, not {Partitions}." : null;
    }
}
