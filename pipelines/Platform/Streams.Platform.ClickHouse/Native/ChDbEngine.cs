using System.Threading.Channels;

namespace Streams.Platform.ClickHouse.Native;

/// <summary>
/// chDB opened on one data directory with a pool of connections. chDB runs statements of
/// different connections in parallel, but one connection runs one statement at a time, so each
/// request rents a connection for its whole duration.
/// </summary>
internal sealed class ChDbEngine : IDisposable
{
    private static readonly Lock OpenLock = new();
    private static string? openPath;

    private readonly ChDbNative native;
    private readonly Channel<ChDbConnection> idle;
    private readonly List<ChDbConnection> all;
    private readonly Lock allLock = new();
    private int disposed;

    private ChDbEngine(ChDbNative native, string dataPath, List<ChDbConnection> connections)
    {
        this.native = native;
        DataPath = dataPath;
        all = connections;
        idle = Channel.CreateUnbounded<ChDbConnection>();
        foreach (var connection in connections)
        {
            idle.Writer.TryWrite(connection);
        }
    }

    public string DataPath { get; }

    public int Connections => all.Count;

    /// <summary>
    /// Opens <paramref name="dataPath"/>. chDB holds one data path per process (a second path
    /// needs every connection of the first closed), so a second open engine is refused here
    /// with a clear message instead of failing inside chDB.
    /// </summary>
    public static ChDbEngine Open(ChDbNative native, string dataPath, int connections)
    {
        ArgumentNullException.ThrowIfNull(native);
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        var path = Path.GetFullPath(dataPath);
        lock (OpenLock)
        {
            if (openPath is not null)
            {
                throw new InvalidOperationException(
                    $"chDB already serves '{openPath}' in this process; one process opens one embedded ClickHouse data directory at a time.");
            }

            Directory.CreateDirectory(path);
            var opened = new List<ChDbConnection>(connections);
            try
            {
                for (var i = 0; i < connections; i++)
                {
                    opened.Add(ChDbConnection.Open(native, path));
                }
            }
            catch
            {
                opened.ForEach(c => c.Dispose());
                throw;
            }

            openPath = path;
            return new ChDbEngine(native, path, opened);
        }
    }

    public async ValueTask<ChDbConnection> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        return await idle.Reader.ReadAsync(cancellationToken);
    }

    /// <summary>Gives a connection back; a tainted one is replaced by a fresh connection.</summary>
    public void Return(ChDbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.Tainted)
        {
            // Open the replacement first: closing the last connection would shut the engine down.
            var fresh = ChDbConnection.Open(native, DataPath);
            lock (allLock)
            {
                all.Remove(connection);
                all.Add(fresh);
            }

            connection.Dispose();
            connection = fresh;
        }

        idle.Writer.TryWrite(connection);
    }

    /// <summary>Closes every connection, which shuts chDB down; call when no request is running.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        idle.Writer.TryComplete();
        lock (allLock)
        {
            all.ForEach(c => c.Dispose());
            all.Clear();
        }

        lock (OpenLock)
        {
            openPath = null;
        }
    }
}
