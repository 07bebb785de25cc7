namespace Streams.Collectors.Publishing.Backoff;

/// <summary>Tells publishers to keep new records in their spools instead of sending them, while the pipeline cannot keep up.</summary>
public interface IBackpressure
{
    bool HoldBack { get; }
}
