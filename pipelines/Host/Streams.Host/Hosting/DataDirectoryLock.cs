namespace Streams.Host.Hosting;

/// <summary>
/// Keeps a second <c>streams</c> process off the state this one uses: for each role it runs, an
/// exclusive lock on <c>&lt;DataDir&gt;/locks/&lt;role&gt;.lock</c>, held until the process ends.
/// </summary>
/// <remarks>
/// Per role rather than one lock for the directory, so that <c>streams run --roles platform</c>
/// and <c>streams run --roles processor</c> still share a machine's data directory (each role
/// keeps its own part of it) while two processes running the same role are refused. The lock is
/// the operating system's (FileShare.None is flock(LOCK_EX) on Linux and macOS, a share-mode
/// open on Windows), so it dies with the process: a lock file left by kill -9 blocks nothing.
/// </remarks>
internal sealed class DataDirectoryLock : IDisposable
{
    public const string LockFolder = "locks";

    private readonly List<FileStream> held;

    private DataDirectoryLock(List<FileStream> held) => this.held = held;

    /// <exception cref="InvalidOperationException">Another process holds one of the roles' locks; the message says which and what to do.</exception>
    public static DataDirectoryLock Acquire(string dataDir, IEnumerable<string> roles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        ArgumentNullException.ThrowIfNull(roles);
        var folder = Directory.CreateDirectory(Path.Combine(dataDir, LockFolder)).FullName;
        var held = new List<FileStream>();
        foreach (var role in roles)
        {
            var path = Path.Combine(folder, role + ".lock");
            try
            {
                held.Add(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
            {
                held.ForEach(s => s.Dispose());
                throw new InvalidOperationException(
                    $"Data directory {dataDir} is in use by another streams process running the {role} role: stop it, or start this one with its own --data-dir.", ex);
            }
        }

        return new DataDirectoryLock(held);
    }

    public void Dispose() => held.ForEach(s => s.Dispose());
}
