using System.Security.Cryptography;

namespace Streams.Fuzz.Harness;

/// <summary>
/// The harness's files in the repository: <c>tests/fuzz/corpus/&lt;target&gt;/</c> (seeds) and
/// <c>tests/fuzz/crashes/&lt;target&gt;/&lt;sha256&gt;</c> (every input that once crashed or hung a
/// parser, replayed by the tests for good).
/// </summary>
internal sealed class FuzzFiles(string fuzzDirectory)
{
    public string CorpusDirectory(string target) => Path.Combine(fuzzDirectory, "corpus", target);

    public string CrashDirectory(string target) => Path.Combine(fuzzDirectory, "crashes", target);

    /// <summary>The <c>tests/fuzz</c> folder of the checkout that <paramref name="start"/> is in (found by its Streams.sln).</summary>
    public static FuzzFiles FindFrom(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Streams.sln")))
            {
                return new FuzzFiles(Path.Combine(directory.FullName, "tests", "fuzz"));
            }
        }

        throw new DirectoryNotFoundException($"No Streams.sln above {start}: run the fuzzer from inside the repository or pass --root.");
    }

    public IReadOnlyList<byte[]> Seeds(string target) => ReadAll(CorpusDirectory(target));

    public IReadOnlyList<byte[]> Crashes(string target) => ReadAll(CrashDirectory(target));

    /// <summary>Saves a crashing input under its SHA-256, so the same input is one file however often it is found.</summary>
    public string SaveCrash(string target, ReadOnlySpan<byte> input)
    {
        var directory = CrashDirectory(target);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(input)));
        File.WriteAllBytes(path, input);
        return path;
    }

    private static List<byte[]> ReadAll(string directory) =>
        Directory.Exists(directory) ? [.. Directory.GetFiles(directory).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)] : [];
}
