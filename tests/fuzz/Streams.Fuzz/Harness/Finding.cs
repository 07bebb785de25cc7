namespace Streams.Fuzz.Harness;

/// <summary>An input that crashed (an exception escaped the target) or hung (ran past the time limit) a target.</summary>
/// <param name="Signature">The exception type and the frame it was thrown from, so one bug found a thousand times is one finding.</param>
internal sealed record Finding(FindingKind Kind, string Signature, string Message, byte[] Input)
{
    public string? SavedAs { get; set; }
}
