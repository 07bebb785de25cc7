using System.Text;

namespace Streams.Collectors.Simulator.Labels;

/// <summary>Appends labels to a JSON-lines file, one label per line, flushed per label so a killed run keeps what it announced.</summary>
public sealed class LabelFile : IDisposable
{
    private readonly StreamWriter _writer;

    public LabelFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        FilePath = path;
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
    }

    public string FilePath { get; }

    public void Write(IncidentLabel label)
    {
        ArgumentNullException.ThrowIfNull(label);
        _writer.WriteLine(label.ToJson());
        _writer.Flush();
    }

    /// <summary>Reads every label of a file written by <see cref="LabelFile"/>.</summary>
    public static IReadOnlyList<IncidentLabel> Read(string path) =>
        [.. File.ReadLines(path).Where(l => l.Length > 0).Select(IncidentLabel.FromJson)];

    public void Dispose() => _writer.Dispose();
}
