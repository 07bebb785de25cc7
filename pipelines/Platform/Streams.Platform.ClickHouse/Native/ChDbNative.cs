using System.Runtime.InteropServices;

namespace Streams.Platform.ClickHouse.Native;

/// <summary>
/// The chDB C API (chdb.h of chDB 26.7), resolved from one loaded libchdb.so. Function pointers
/// rather than DllImport because the library path is only known at run time.
/// </summary>
internal sealed unsafe class ChDbNative
{
    private static readonly Lock LoadLock = new();
    private static ChDbNative? loaded;

    private ChDbNative(string path, nint handle)
    {
        Path = path;
        SetSignalHandlersEnabled = (delegate* unmanaged<int, void>)Export(handle, "chdb_set_signal_handlers_enabled");
        Connect = (delegate* unmanaged<int, byte**, nint*>)Export(handle, "chdb_connect");
        CloseConn = (delegate* unmanaged<nint*, void>)Export(handle, "chdb_close_conn");
        QueryN = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint>)Export(handle, "chdb_query_n");
        QueryWithParamsN = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint>)
            Export(handle, "chdb_query_with_params_n");
        StreamInsertWithParamsN = (delegate* unmanaged<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint>)
            Export(handle, "chdb_stream_insert_with_params_n");
        StreamAppend = (delegate* unmanaged<nint, byte*, nuint, int>)Export(handle, "chdb_stream_append");
        StreamDone = (delegate* unmanaged<nint, nint>)Export(handle, "chdb_stream_done");
        StreamInsertError = (delegate* unmanaged<nint, byte*>)Export(handle, "chdb_stream_insert_error");
        DestroyInsertStream = (delegate* unmanaged<nint, void>)Export(handle, "chdb_destroy_insert_stream");
        ResultBuffer = (delegate* unmanaged<nint, byte*>)Export(handle, "chdb_result_buffer");
        ResultLength = (delegate* unmanaged<nint, nuint>)Export(handle, "chdb_result_length");
        ResultElapsed = (delegate* unmanaged<nint, double>)Export(handle, "chdb_result_elapsed");
        ResultRowsRead = (delegate* unmanaged<nint, ulong>)Export(handle, "chdb_result_rows_read");
        ResultBytesRead = (delegate* unmanaged<nint, ulong>)Export(handle, "chdb_result_bytes_read");
        ResultStorageRowsRead = (delegate* unmanaged<nint, ulong>)Export(handle, "chdb_result_storage_rows_read");
        ResultStorageBytesRead = (delegate* unmanaged<nint, ulong>)Export(handle, "chdb_result_storage_bytes_read");
        ResultRowsWritten = (delegate* unmanaged<nint, ulong>)Export(handle, "chdb_result_rows_written");
        ResultBytesWritten = (delegate* unmanaged<nint, ulong>)Export(handle, "chdb_result_bytes_written");
        ResultError = (delegate* unmanaged<nint, byte*>)Export(handle, "chdb_result_error");
        DestroyQueryResult = (delegate* unmanaged<nint, void>)Export(handle, "chdb_destroy_query_result");
    }

    public string Path { get; }

    public delegate* unmanaged<int, void> SetSignalHandlersEnabled { get; }

    public delegate* unmanaged<int, byte**, nint*> Connect { get; }

    public delegate* unmanaged<nint*, void> CloseConn { get; }

    public delegate* unmanaged<nint, byte*, nuint, byte*, nuint, nint> QueryN { get; }

    public delegate* unmanaged<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint> QueryWithParamsN { get; }

    public delegate* unmanaged<nint, byte*, nuint, byte*, nuint, byte**, nuint*, byte**, nuint*, nuint, nint> StreamInsertWithParamsN { get; }

    public delegate* unmanaged<nint, byte*, nuint, int> StreamAppend { get; }

    public delegate* unmanaged<nint, nint> StreamDone { get; }

    public delegate* unmanaged<nint, byte*> StreamInsertError { get; }

    public delegate* unmanaged<nint, void> DestroyInsertStream { get; }

    public delegate* unmanaged<nint, byte*> ResultBuffer { get; }

    public delegate* unmanaged<nint, nuint> ResultLength { get; }

    public delegate* unmanaged<nint, double> ResultElapsed { get; }

    public delegate* unmanaged<nint, ulong> ResultRowsRead { get; }

    public delegate* unmanaged<nint, ulong> ResultBytesRead { get; }

    public delegate* unmanaged<nint, ulong> ResultStorageRowsRead { get; }

    public delegate* unmanaged<nint, ulong> ResultStorageBytesRead { get; }

    public delegate* unmanaged<nint, ulong> ResultRowsWritten { get; }

    public delegate* unmanaged<nint, ulong> ResultBytesWritten { get; }

    public delegate* unmanaged<nint, byte*> ResultError { get; }

    public delegate* unmanaged<nint, void> DestroyQueryResult { get; }

    /// <summary>Loads libchdb.so once per process; a second, different path is refused.</summary>
    public static ChDbNative Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        lock (LoadLock)
        {
            if (loaded is not null)
            {
                return loaded.Path == path
                    ? loaded
                    : throw new InvalidOperationException(
                        $"libchdb.so is already loaded from '{loaded.Path}'; one process cannot load it again from '{path}'.");
            }

            var native = new ChDbNative(path, NativeLibrary.Load(path));
            // chDB's own SIGSEGV handler turns a .NET NullReferenceException into a hang of the
            // whole process (measured), so it must be off before the first chdb_connect.
            native.SetSignalHandlersEnabled(0);
            loaded = native;
            return native;
        }
    }

    public static string? Utf8(byte* text) =>
        text is null ? null : Marshal.PtrToStringUTF8((nint)text);

    private static nint Export(nint handle, string name) => NativeLibrary.GetExport(handle, name);
}
