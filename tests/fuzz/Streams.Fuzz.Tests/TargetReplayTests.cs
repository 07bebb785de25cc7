using Streams.Fuzz.Harness;
using Streams.Fuzz.Targets;

namespace Streams.Fuzz.Tests;

/// <summary>
/// Every target against its saved inputs: the seed corpus and every input that ever crashed or
/// hung it (a fixed bug stays fixed), then a short fuzz run with a fixed seed, so the harness and
/// its targets cannot rot between the long runs.
/// </summary>
public sealed class TargetReplayTests
{
    private const int SmokeIterations = 2_000;

    private static readonly FuzzSession Session = new(FuzzFiles.FindFrom(AppContext.BaseDirectory), TimeSpan.FromSeconds(10));

    public static TheoryData<string> Targets() => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Replay_CorpusAndSavedCrashes_NoCrashNoHang(string name)
    {
        var target = FuzzTargets.Create(name);
        using var owned = target as IDisposable;

        var report = Session.Replay(target);

        Assert.True(report.Executions > 0, $"{name} has no seed corpus");
        Assert.True(report.Clean, Describe(report));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Fuzz_TwoThousandInputsFixedSeed_NoCrashNoHang(string name)
    {
        var target = FuzzTargets.Create(name);
        using var owned = target as IDisposable;

        var report = Session.Fuzz(target, SmokeIterations, seed: 1);

        Assert.Equal(SmokeIterations, report.Executions);
        Assert.True(report.Clean, Describe(report));
    }

    private static string Describe(TargetReport report) =>
        $"{report.Target}: {report.Crashes} crashes, {report.Hangs} hangs\n"
        + string.Join("\n", report.Findings.Select(f => $"{f.Kind} {f.Signature} on {Convert.ToHexString(f.Input)}\n{f.Message}"));
}
