using Streams.Fuzz.Harness;

namespace Streams.Fuzz.Tests;

public sealed class HarnessTests
{
    [Fact]
    public void Run_TargetThrows_CountsEachCrashAndKeepsTheShortestInputPerSignature()
    {
        var report = new FuzzRunner(new ThrowingTarget(), TimeSpan.FromSeconds(10)).Run([[1, 2, 3], [9], [4, 5], []]);

        Assert.Equal(4, report.Executions);
        Assert.Equal(2, report.Crashes);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.Crash, finding.Kind);
        Assert.Equal([4, 5], finding.Input);
        Assert.Contains("IndexOutOfRangeException", finding.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_InputOutlivesTheTimeLimit_ReportsAHangAndCarriesOnWithTheNextInput()
    {
        using var release = new ManualResetEventSlim();
        var target = new BlockingTarget(release);

        var report = new FuzzRunner(target, TimeSpan.FromMilliseconds(200)).Run([[0], [7], [0]]);
        release.Set();

        Assert.Equal(3, report.Executions);
        Assert.Equal(1, report.Hangs);
        Assert.Equal(0, report.Crashes);
        Assert.Equal([7], Assert.Single(report.Findings).Input);
        Assert.Equal(2, target.Finished);
    }

    [Fact]
    public void Next_SameSeed_SameInputs_OtherSeed_OtherInputs()
    {
        byte[][] seeds = ["SELECT 1"u8.ToArray(), "<34>Oct 11 22:14:15 host app: x"u8.ToArray()];

        var first = Enumerable.Range(0, 50).Select(_ => new Mutator(7, seeds, []).Next()).ToList();
        var again = new Mutator(7, seeds, []);
        var other = new Mutator(8, seeds, []);
        var sequence = Enumerable.Range(0, 200).Select(_ => again.Next()).ToList();
        var repeat = new Mutator(7, seeds, []);

        Assert.All(first, input => Assert.Equal(first[0], input));
        Assert.Equal(sequence, Enumerable.Range(0, 200).Select(_ => repeat.Next()));
        Assert.NotEqual(sequence, Enumerable.Range(0, 200).Select(_ => other.Next()));
        Assert.True(sequence.Distinct(new BytesComparer()).Count() > 150, "mutations should rarely repeat");
    }

    [Fact]
    public void Parse_TargetsAndNumbers_AllExpandsAndBadValuesSayWhy()
    {
        string[] known = ["syslog", "zabbix"];

        var options = FuzzOptions.Parse(["--target", "all", "--iterations", "1000000", "--json"], known);
        var unknown = Assert.Throws<FormatException>(() => FuzzOptions.Parse(["--target", "smtp"], known));
        var negative = Assert.Throws<FormatException>(() => FuzzOptions.Parse(["--iterations", "-5"], known));

        Assert.Equal(known, options.Targets);
        Assert.Equal(1_000_000, options.Iterations);
        Assert.True(options.Json);
        Assert.Contains("unknown target 'smtp'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("--iterations takes a whole number", negative.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingTarget : IFuzzTarget
    {
        public string Name => "throwing";

        public IReadOnlyList<byte[]> Dictionary => [];

        public void Run(ReadOnlySpan<byte> input)
        {
            if (input.Length > 0 && input[0] != 9)
            {
                _ = input[input.Length + 1];
            }
        }
    }

    private sealed class BlockingTarget(ManualResetEventSlim release) : IFuzzTarget
    {
        private int _finished;

        public string Name => "blocking";

        public IReadOnlyList<byte[]> Dictionary => [];

        public int Finished => Volatile.Read(ref _finished);

        public void Run(ReadOnlySpan<byte> input)
        {
            if (input[0] == 7)
            {
                release.Wait();
                return;
            }

            Interlocked.Increment(ref _finished);
        }
    }

    private sealed class BytesComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length == 0 ? 0 : HashCode.Combine(obj.Length, obj[0], obj[^1]);
    }
}
