namespace Streams.Collectors.Publishing;

/// <summary>Something that sends what was published to it until cancelled, then flushes what is in flight.</summary>
public interface ISender
{
    Task RunAsync(CancellationToken cancellationToken);
}
