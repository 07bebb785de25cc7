namespace Streams.Fuzz.Harness;

internal enum FindingKind
{
    Crash,
    Hang,
}
