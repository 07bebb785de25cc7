namespace Streams.Platform.Kafka.Tests.Journal;

/// <summary>A temporary journal folder removed after the test.</summary>
internal sealed class JournalFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "streams-journal-" + Guid.NewGuid().ToString("N"));

    public EmbeddedKafkaOptions Options => new() { Port = 0, JournalPath = Path };

    public IReadOnlyList<string> Segments() =>
        [.. Directory.GetFiles(Path, "*.log", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)];

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
