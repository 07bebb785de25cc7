namespace Streams.Deployment.Tests.Compose;

/// <summary>The topic table of infra/docker/kafka/create-topics.sh, the one-shot that creates the catalogue on a real cluster.</summary>
internal static class TopicScript
{
    public const string RelativePath = "infra/docker/kafka/create-topics.sh";

    private const string Start = "readonly TOPICS='";

    public static IReadOnlyList<ScriptedTopic> Topics()
    {
        var lines = RepositoryFiles.Read(RelativePath).Split('\n');
        var first = Array.FindIndex(lines, l => l.StartsWith(Start, StringComparison.Ordinal));
        Assert.True(first >= 0, $"{RelativePath} has no {Start} block.");
        return [.. lines.Skip(first + 1)
            .TakeWhile(l => l.Trim() != "'")
            .Where(l => l.Trim().Length > 0)
            .Select(Parse)];
    }

    private static ScriptedTopic Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(fields.Length == 4, $"'{line}' is not 'name partitions cleanup.policy retention.ms'.");
        return new ScriptedTopic(fields[0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), fields[2], fields[3]);
    }
}
