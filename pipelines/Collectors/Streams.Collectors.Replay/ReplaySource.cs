using Streams.Collectors.Replay.Nab;
using Streams.Collectors.Replay.Smd;

namespace Streams.Collectors.Replay;

/// <summary>Finds the files of a replay and the default datasets folder.</summary>
public static class ReplaySource
{
    /// <summary>
    /// <c>../shared/datasets</c> relative to the repository: first from the working directory
    /// (<c>streams</c> runs in the repo root), else from the folder holding <c>Streams.sln</c>
    /// above the executable.
    /// </summary>
    public static string DefaultDataDirectory()
    {
        var fromWorkingDirectory = Path.GetFullPath(Path.Combine("..", "shared", "datasets"));
        if (Directory.Exists(fromWorkingDirectory))
        {
            return fromWorkingDirectory;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streams.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "datasets"));
            }
        }

        return fromWorkingDirectory;
    }

    /// <exception cref="DirectoryNotFoundException">The dataset's folder is missing.</exception>
    /// <exception cref="ArgumentException">No file matches the patterns, or an option is invalid.</exception>
    internal static IReadOnlyList<ReplayFile> Open(ReplayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var files = options.Dataset switch
        {
            ReplayDataset.Smd => SmdDataset.Open(options),
            ReplayDataset.Nab => NabDataset.Open(options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Dataset, "Unknown dataset."),
        };
        return files.Count > 0
            ? files
            : throw new ArgumentException($"No {options.Dataset} file under {options.DataDirectory} matches {(options.Files.Count == 0 ? "anything" : string.Join(", ", options.Files))}.", nameof(options));
    }
}
