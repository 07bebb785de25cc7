namespace Streams.Platform.ClickHouse.Native;

/// <summary>A successful chDB result; owns the native buffer until disposed.</summary>
internal sealed unsafe class ChDbResult(ChDbNative native, nint handle) : IDisposable
{
    private nint handle = handle;

    public ReadOnlySpan<byte> Data
    {
        get
        {
            ObjectDisposedException.ThrowIf(handle == 0, this);
            var length = checked((int)native.ResultLength(handle));
            return length == 0 ? [] : new ReadOnlySpan<byte>(native.ResultBuffer(handle), length);
        }
    }

    public long Length => (long)native.ResultLength(Live);

    public double ElapsedSeconds => native.ResultElapsed(Live);

    public ulong RowsRead => native.ResultRowsRead(Live);

    public ulong BytesRead => native.ResultBytesRead(Live);

    public ulong StorageRowsRead => native.ResultStorageRowsRead(Live);

    public ulong StorageBytesRead => native.ResultStorageBytesRead(Live);

    public ulong RowsWritten => native.ResultRowsWritten(Live);

    public ulong BytesWritten => native.ResultBytesWritten(Live);

    private nint Live
    {
        get
        {
            ObjectDisposedException.ThrowIf(handle == 0, this);
            return handle;
        }
    }

    /// <summary>Copies the bytes at <paramref name="offset"/> into <paramref name="destination"/>.</summary>
    public int CopyTo(long offset, Span<byte> destination)
    {
        var length = (long)native.ResultLength(Live);
        var count = (int)Math.Min(destination.Length, length - offset);
        new ReadOnlySpan<byte>(native.ResultBuffer(Live) + offset, count).CopyTo(destination);
        return count;
    }

    /// <summary>Takes ownership of a raw result: throws (and frees it) when it carries an error.</summary>
    public static ChDbResult From(ChDbNative native, nint handle)
    {
        if (handle == 0)
        {
            throw new ChDbException("Code: 1001. DB::Exception: chDB returned no result. (STD_EXCEPTION)");
        }

        var error = ChDbNative.Utf8(native.ResultError(handle));
        if (error is null)
        {
            return new ChDbResult(native, handle);
        }

        native.DestroyQueryResult(handle);
        throw new ChDbException(error);
    }

    public void Dispose()
    {
        if (handle != 0)
        {
            native.DestroyQueryResult(handle);
            handle = 0;
        }
    }
}
