using Streams.Collectors.Replay.Cli;

namespace Streams.Collectors.Replay.Tests;

public sealed class ReplayCommandTests
{
    [Fact]
    public async Task Invoke_MissingDataFolder_ExitsWithTwoBeforeConnecting()
    {
        var labels = Path.Combine(Path.GetTempPath(), $"replay-cli-{Guid.NewGuid():N}.jsonl");
        var missing = Path.Combine(Path.GetTempPath(), $"no-datasets-{Guid.NewGuid():N}");

        var exit = await ReplayCommand.Create().Parse(["--dataset", "smd", "--data", missing, "--bootstrap-servers", "127.0.0.1:1", "--labels-file", labels]).InvokeAsync();

        Assert.Equal(2, exit);
        File.Delete(labels);
    }

    [Fact]
    public void Parse_DatasetName_IsCaseInsensitiveAndRequired()
    {
        Assert.Empty(ReplayCommand.Create().Parse("--dataset nab").Errors);
        Assert.NotEmpty(ReplayCommand.Create().Parse("--speedup 10").Errors);
    }
}
