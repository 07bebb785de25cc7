using System.IO.Compression;

namespace Streams.Collectors.Replay;

/// <summary>
/// Opens dataset files as text, plain or gzip-compressed (the SMD train/test files ship as
/// <c>.txt.gz</c>); a path given without <c>.gz</c> finds either copy.
/// </summary>
internal static class DatasetFile
{
    public static bool Exists(string path) => Find(path) is not null;

    /// <summary><paramref name="path"/> itself or its <c>.gz</c> copy, whichever exists first; null when neither does.</summary>
    public static string? Find(string path) =>
        File.Exists(path) ? path : File.Exists(path + ".gz") ? path + ".gz" : null;

    /// <exception cref="FileNotFoundException">Neither <paramref name="path"/> nor its <c>.gz</c> copy exists.</exception>
    public static TextReader Open(string path) =>
        OpenFound(Find(path) ?? throw new FileNotFoundException($"Neither {path} nor {path}.gz exists.", path));

    /// <summary>The lines of an existing file, decompressed when its name ends in <c>.gz</c>.</summary>
    public static IEnumerable<string> Lines(string path)
    {
        using var reader = OpenFound(path);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    /// <summary>File name without <c>.gz</c> and the data extension.</summary>
    public static string Stem(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }

        return Path.GetFileNameWithoutExtension(name);
    }

    private static StreamReader OpenFound(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
            : new StreamReader(path);
}
