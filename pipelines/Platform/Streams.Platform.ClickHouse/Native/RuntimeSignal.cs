using System.Runtime.InteropServices;

namespace Streams.Platform.ClickHouse.Native;

/// <summary>
/// Keeps the .NET runtime's handler of SIGRTMIN across chDB's start. The runtime sends that signal
/// to a thread it must stop for a garbage collection. chDB installs a handler of its own for it
/// (ClickHouse's <c>system.stack_trace</c>), which touches chDB's thread-local storage, and glibc may
/// allocate that storage with malloc. So a collection that caught a thread inside malloc hung the
/// whole process: that thread waited for the arena lock it held itself, and every other thread
/// waited for the collection. gdb showed it in a CI run and in about one start in twenty on a
/// loaded machine. With the runtime's handler back, only <c>system.stack_trace</c> stops working.
/// </summary>
internal static unsafe partial class RuntimeSignal
{
    // glibc's struct sigaction is 152 bytes on x86-64 and arm64; the buffer only carries back what sigaction wrote.
    private const int SigactionBytes = 256;

    /// <summary>Runs <paramref name="start"/> and puts back the SIGRTMIN handler that was there before it.</summary>
    /// <exception cref="InvalidOperationException">The handler could not be read or put back.</exception>
    public static T Keeping<T>(Func<T> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (!OperatingSystem.IsLinux())
        {
            return start();
        }

        var signal = CurrentSigrtmin();
        var before = stackalloc byte[SigactionBytes];
        Check(Sigaction(signal, null, before), "read");
        var result = start();
        var after = stackalloc byte[SigactionBytes];
        Check(Sigaction(signal, null, after), "read");
        if (Handler(after) != Handler(before))
        {
            Check(Sigaction(signal, before, null), "put back");
        }

        return result;
    }

    /// <summary>The address of the function that handles SIGRTMIN now (the first field of struct sigaction).</summary>
    public static nint CurrentHandler()
    {
        var now = stackalloc byte[SigactionBytes];
        Check(Sigaction(CurrentSigrtmin(), null, now), "read");
        return Handler(now);
    }

    private static nint Handler(byte* action) => *(nint*)action;

    private static void Check(int result, string what)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"Could not {what} the runtime's SIGRTMIN handler around chDB's start: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "sigaction", SetLastError = true)]
    private static partial int Sigaction(int signal, byte* action, byte* previous);

    [LibraryImport("libc", EntryPoint = "__libc_current_sigrtmin")]
    private static partial int CurrentSigrtmin();
}
