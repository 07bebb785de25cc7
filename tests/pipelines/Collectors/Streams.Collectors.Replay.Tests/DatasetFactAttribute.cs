namespace Streams.Collectors.Replay.Tests;

/// <summary>A fact that needs a file of the shared datasets; skipped, saying which file, where they are not installed.</summary>
internal sealed class DatasetFactAttribute : FactAttribute
{
    public const string SharedDatasets = "/work/shared/datasets";

    public DatasetFactAttribute(string relativePath)
    {
        var path = Path.Combine(SharedDatasets, relativePath);
        if (!File.Exists(path))
        {
            Skip = $"Shared dataset file {path} is not present on this machine.";
        }
    }
}
