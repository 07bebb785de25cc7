using System.Runtime.InteropServices;
using System.Text;

namespace Streams.Platform.ClickHouse.Native;

/// <summary>
/// One chDB connection. It runs one statement at a time and keeps session state (current
/// database, SET settings) between statements, so <see cref="Prepare"/> brings that state to
/// what each request asks for instead of trusting what the previous request left.
/// </summary>
internal sealed unsafe class ChDbConnection : IDisposable
{
    public const string DefaultDatabase = "default";

    private readonly ChDbNative native;
    private readonly Dictionary<string, string?> appliedSettings = new(StringComparer.Ordinal);
    private nint* connection;
    private string database = DefaultDatabase;

    private ChDbConnection(ChDbNative native, nint* connection)
    {
        this.native = native;
        this.connection = connection;
    }

    /// <summary>Set when a statement changed session state we do not track (SET, USE, …).</summary>
    public bool Tainted { get; set; }

    public static ChDbConnection Open(ChDbNative native, string dataPath)
    {
        ArgumentNullException.ThrowIfNull(native);
        // The query profiler interrupts a long query's thread with a signal every second, and its
        // handler touches chDB's thread-local storage, which glibc may allocate lazily. When the
        // signal lands while that thread holds a malloc arena lock, the handler waits on the lock
        // its own thread holds: the whole process hung (a CI run, seen with gdb). The profiler
        // feeds system.trace_log, which the embedded engine does not keep anyway.
        using var args = new Utf8Strings(["clickhouse", $"--path={dataPath}", "--query_profiler_real_time_period_ns=0", "--query_profiler_cpu_time_period_ns=0"]);
        var connection = RuntimeSignal.Keeping(() => (nint)native.Connect(args.Count, args.Pointers));
        return connection == 0 || *(nint*)connection == 0
            ? throw new ChDbException(
                $"Code: 76. DB::Exception: chDB could not open the data directory '{dataPath}' (one process owns a data directory; is another process using it?). (CANNOT_OPEN_FILE)")
            : new ChDbConnection(native, (nint*)connection);
    }

    public ChDbResult Query(string sql, string format) =>
        Query(Encoding.UTF8.GetBytes(sql), format, []);

    public ChDbResult Query(ReadOnlySpan<byte> sql, string format, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(parameters);
        var formatBytes = Encoding.UTF8.GetBytes(format);
        using var names = new Utf8Strings([.. parameters.Select(p => p.Key)]);
        using var values = new Utf8Strings([.. parameters.Select(p => p.Value)]);
        fixed (byte* query = sql)
        fixed (byte* fmt = formatBytes)
        {
            var result = parameters.Count == 0
                ? native.QueryN(Handle, query, (nuint)sql.Length, fmt, (nuint)formatBytes.Length)
                : native.QueryWithParamsN(Handle, query, (nuint)sql.Length, fmt, (nuint)formatBytes.Length,
                    names.Pointers, names.Lengths, values.Pointers, values.Lengths, (nuint)parameters.Count);
            return ChDbResult.From(native, result);
        }
    }

    /// <param name="statement">INSERT without FORMAT clause or data, e.g. "INSERT INTO t (a, b)".</param>
    public ChDbInsertStream BeginInsert(ReadOnlySpan<byte> statement, string format, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(parameters);
        var formatBytes = Encoding.UTF8.GetBytes(format);
        using var names = new Utf8Strings([.. parameters.Select(p => p.Key)]);
        using var values = new Utf8Strings([.. parameters.Select(p => p.Value)]);
        fixed (byte* query = statement)
        fixed (byte* fmt = formatBytes)
        {
            return new ChDbInsertStream(native, native.StreamInsertWithParamsN(Handle, query, (nuint)statement.Length,
                fmt, (nuint)formatBytes.Length, names.Pointers, names.Lengths, values.Pointers, values.Lengths,
                (nuint)parameters.Count));
        }
    }

    /// <summary>
    /// Switches to <paramref name="targetDatabase"/> and makes exactly <paramref name="settings"/>
    /// differ from the defaults, with at most one SET and one USE.
    /// </summary>
    public void Prepare(string targetDatabase, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(targetDatabase);
        ArgumentNullException.ThrowIfNull(settings);
        var assignments = new List<string>();
        foreach (var (name, _) in appliedSettings)
        {
            if (!settings.ContainsKey(name))
            {
                assignments.Add($"{name} = DEFAULT");
            }
        }

        foreach (var (name, value) in settings)
        {
            if (!appliedSettings.TryGetValue(name, out var current) || current != value)
            {
                assignments.Add($"{name} = {SqlLiteral.Quote(value)}");
            }
        }

        if (assignments.Count > 0)
        {
            try
            {
                Query($"SET {string.Join(", ", assignments)}", "TabSeparated").Dispose();
                appliedSettings.Clear();
                foreach (var (name, value) in settings)
                {
                    appliedSettings[name] = value;
                }
            }
            catch (ChDbException)
            {
                // Unknown to what extent it applied: mark every name so the next request resets it.
                foreach (var name in settings.Keys)
                {
                    appliedSettings[name] = null;
                }

                throw;
            }
        }

        if (database != targetDatabase)
        {
            Query($"USE {SqlLiteral.QuoteIdentifier(targetDatabase)}", "TabSeparated").Dispose();
            database = targetDatabase;
        }
    }

    public void Dispose()
    {
        if (connection is not null)
        {
            native.CloseConn(connection);
            connection = null;
        }
    }

    private nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(connection is null, this);
            return *connection;
        }
    }
}
