using System.IO.Compression;

namespace Streams.Evaluation.Datasets;

/// <summary>Opens a dataset file given without extension suffix, plain or gzip-compressed (<c>name</c> or <c>name.gz</c>).</summary>
internal static class DatasetFile
{
    public static bool Exists(string path) => File.Exists(path) || File.Exists(path + ".gz");

    public static TextReader Open(string path)
    {
        if (File.Exists(path))
        {
            return new StreamReader(path);
        }

        if (File.Exists(path + ".gz"))
        {
            return new StreamReader(new GZipStream(File.OpenRead(path + ".gz"), CompressionMode.Decompress));
        }

        throw new FileNotFoundException($"Neither {path} nor {path}.gz exists.", path);
    }
}
