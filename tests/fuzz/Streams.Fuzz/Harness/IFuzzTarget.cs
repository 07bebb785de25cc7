namespace Streams.Fuzz.Harness;

/// <summary>
/// One parser that takes outside bytes, driven through the entry point production uses. The
/// parser's documented bad-input path (an error result, a dead letter, the exception type its
/// caller catches) is handled inside <see cref="Run"/>; any exception that escapes is a crash.
/// </summary>
internal interface IFuzzTarget
{
    /// <summary>The target's name on the command line and its folder under <c>corpus/</c> and <c>crashes/</c>.</summary>
    string Name { get; }

    /// <summary>Tokens of the format the mutator splices in: a coverage-free fuzzer finds keywords only by being told them.</summary>
    IReadOnlyList<byte[]> Dictionary { get; }

    void Run(ReadOnlySpan<byte> input);
}
