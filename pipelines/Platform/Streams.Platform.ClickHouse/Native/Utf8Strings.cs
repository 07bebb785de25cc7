using System.Runtime.InteropServices;
using System.Text;

namespace Streams.Platform.ClickHouse.Native;

/// <summary>
/// Strings copied into one native block as UTF-8 with NUL terminators, with the pointer and
/// length arrays the chDB <c>*_n</c> functions take.
/// </summary>
internal sealed unsafe class Utf8Strings : IDisposable
{
    private readonly byte* block;

    public Utf8Strings(IReadOnlyList<string> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        Count = strings.Count;
        if (Count == 0)
        {
            return;
        }

        var bytes = 0;
        foreach (var s in strings)
        {
            bytes += Encoding.UTF8.GetByteCount(s) + 1;
        }

        var header = (nuint)(Count * (sizeof(byte*) + sizeof(nuint)));
        block = (byte*)NativeMemory.Alloc(header + (nuint)bytes);
        Pointers = (byte**)block;
        Lengths = (nuint*)(block + (Count * sizeof(byte*)));
        var cursor = block + header;
        var remaining = bytes;
        for (var i = 0; i < Count; i++)
        {
            var written = Encoding.UTF8.GetBytes(strings[i], new Span<byte>(cursor, remaining));
            cursor[written] = 0;
            Pointers[i] = cursor;
            Lengths[i] = (nuint)written;
            cursor += written + 1;
            remaining -= written + 1;
        }
    }

    public int Count { get; }

    public byte** Pointers { get; }

    public nuint* Lengths { get; }

    public void Dispose() => NativeMemory.Free(block);
}
