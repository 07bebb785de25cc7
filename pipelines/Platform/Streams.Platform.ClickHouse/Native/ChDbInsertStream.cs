namespace Streams.Platform.ClickHouse.Native;

/// <summary>
/// A streaming INSERT: chDB parses the appended chunks in the given input format. Binary
/// formats must come this way; RowBinary inline in the query text fails with CANNOT_READ_ALL_DATA.
/// </summary>
internal sealed unsafe class ChDbInsertStream : IDisposable
{
    private readonly ChDbNative native;
    private nint handle;

    public ChDbInsertStream(ChDbNative native, nint handle)
    {
        this.native = native;
        this.handle = handle;
        var error = ChDbNative.Utf8(native.StreamInsertError(handle));
        if (error is not null)
        {
            Dispose();
            throw new ChDbException(error);
        }
    }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        ObjectDisposedException.ThrowIf(handle == 0, this);
        if (chunk.IsEmpty)
        {
            return;
        }

        fixed (byte* data = chunk)
        {
            if (native.StreamAppend(handle, data, (nuint)chunk.Length) != 0)
            {
                throw new ChDbException(ChDbNative.Utf8(native.StreamInsertError(handle))
                    ?? "Code: 1001. DB::Exception: chDB refused the insert data. (STD_EXCEPTION)");
            }
        }
    }

    /// <summary>Commits the insert; the result carries the written rows and bytes.</summary>
    public ChDbResult Complete()
    {
        ObjectDisposedException.ThrowIf(handle == 0, this);
        return ChDbResult.From(native, native.StreamDone(handle));
    }

    public void Dispose()
    {
        if (handle != 0)
        {
            // Cancels the insert when Complete was never reached (chdb.h).
            native.DestroyInsertStream(handle);
            handle = 0;
        }
    }
}
