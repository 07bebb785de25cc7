using System.Text.RegularExpressions;

namespace Streams.Deployment.Tests.Image;

/// <summary>infra/docker/Dockerfile as a list of stages, each with its instructions (continuation lines joined).</summary>
internal sealed partial class Dockerfile
{
    public const string RelativePath = "infra/docker/Dockerfile";

    private Dockerfile(IReadOnlyList<DockerStage> stages) => Stages = stages;

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Stage(string name) =>
        Stages.SingleOrDefault(s => s.Name == name) ?? throw new Xunit.Sdk.XunitException($"{RelativePath} has no stage '{name}'.");

    public static Dockerfile Load()
    {
        var instructions = ContinuedLine().Replace(RepositoryFiles.Read(RelativePath), " ")
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'));
        var stages = new List<DockerStage>();
        foreach (var line in instructions)
        {
            var (keyword, arguments) = Split(line);
            if (keyword == "FROM")
            {
                var from = FromLine().Match(arguments);
                stages.Add(new DockerStage(from.Groups["base"].Value, from.Groups["name"].Success ? from.Groups["name"].Value : null, []));
            }
            else
            {
                stages[^1].Instructions.Add((keyword, arguments));
            }
        }

        return new Dockerfile(stages);
    }

    private static (string Keyword, string Arguments) Split(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return (line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
    }

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex ContinuedLine();

    [GeneratedRegex(@"^(?<base>\S+)(\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();
}
