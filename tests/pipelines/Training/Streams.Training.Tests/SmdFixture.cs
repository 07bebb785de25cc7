namespace Streams.Training.Tests;

/// <summary>The small SMD fixture the evaluation tests keep (machine-9-1: 80 train rows of 3 columns), used in place.</summary>
internal static class SmdFixture
{
    public const string Machine = "machine-9-1";

    public static string Directory { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "pipelines", "Evaluation", "Streams.Evaluation.Tests", "Fixtures", "smd");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The SMD fixture (tests/pipelines/Evaluation/Streams.Evaluation.Tests/Fixtures/smd) is not above " + AppContext.BaseDirectory);
    }
}
