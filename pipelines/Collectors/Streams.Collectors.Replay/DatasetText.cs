using System.IO.Compression;

namespace Streams.Collectors.Replay;

/// <summary>Opens dataset files as text, plain or gzip-compressed (the SMD train/test files ship as .txt.gz).</summary>
internal static class DatasetText
{
    public static IEnumerable<string> Lines(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    /// <summary>The path of <paramref name="stem"/> in <paramref name="directory"/>, compressed or not; null when neither exists.</summary>
    public static string? Find(string directory, string stem)
    {
        var plain = Path.Combine(directory, stem);
        return File.Exists(plain) ? plain : File.Exists(plain + ".gz") ? plain + ".gz" : null;
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
}
