using System.Globalization;

namespace Streams.Fuzz.Harness;

/// <summary>The command line: <c>[--target NAME|all]... [--iterations N] [--seed N] [--timeout-ms N] [--replay] [--json] [--no-save] [--root DIR]</c>.</summary>
internal sealed record FuzzOptions(IReadOnlyList<string> Targets, long Iterations, int Seed, TimeSpan Timeout, bool Replay, bool Json, bool Save, string? Root)
{
    public const string Usage =
        "usage: Streams.Fuzz [--target NAME|all]... [--iterations N (100000)] [--seed N (1)] [--timeout-ms N (2000)] [--replay] [--json] [--no-save] [--root DIR]";

    /// <exception cref="FormatException">An unknown option or a value that is not a positive number; the message says which.</exception>
    public static FuzzOptions Parse(IReadOnlyList<string> args, IReadOnlyList<string> known)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(known);
        var targets = new List<string>();
        long iterations = 100_000;
        var seed = 1;
        var timeoutMs = 2000;
        bool replay = false, json = false, save = true;
        string? root = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--target":
                    var name = Value(args, ref i);
                    if (name != "all" && !known.Contains(name))
                    {
                        throw new FormatException($"unknown target '{name}'; the targets are all, {string.Join(", ", known)}");
                    }

                    targets.AddRange(name == "all" ? known : [name]);
                    break;
                case "--iterations":
                    iterations = Positive(args, ref i, long.MaxValue);
                    break;
                case "--seed":
                    seed = (int)Positive(args, ref i, int.MaxValue);
                    break;
                case "--timeout-ms":
                    timeoutMs = (int)Positive(args, ref i, int.MaxValue);
                    break;
                case "--replay":
                    replay = true;
                    break;
                case "--json":
                    json = true;
                    break;
                case "--no-save":
                    save = false;
                    break;
                case "--root":
                    root = Value(args, ref i);
                    break;
                default:
                    throw new FormatException($"unknown option '{args[i]}'");
            }
        }

        return new FuzzOptions(targets.Count == 0 ? known : [.. targets.Distinct()], iterations, seed, TimeSpan.FromMilliseconds(timeoutMs), replay, json, save, root);
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new FormatException($"{args[i - 1]} needs a value");

    private static long Positive(IReadOnlyList<string> args, ref int i, long max)
    {
        var text = Value(args, ref i);
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= max
            ? value
            : throw new FormatException($"{args[i - 1]} takes a whole number from 1 to {max}, not '{text}'");
    }
}
