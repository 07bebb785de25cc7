namespace Streams.Platform.Kafka.Journal;

/// <summary>Holds a journal folder for one broker: two brokers appending to one journal would corrupt it.</summary>
internal sealed class JournalLock : IDisposable
{
    private readonly FileStream _file;

    private JournalLock(FileStream file) => _file = file;

    /// <exception cref="InvalidOperationException">Another broker, in this process or another, holds the journal.</exception>
    public static JournalLock Acquire(string path)
    {
        Directory.CreateDirectory(path);
        var file = Path.Combine(path, ".lock");
        try
        {
            return new JournalLock(new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The Kafka journal {Path.GetFullPath(path)} is in use by another embedded broker: stop it, or set Kafka:Embedded:JournalPath to another folder.", ex);
        }
    }

    public void Dispose() => _file.Dispose();
}
