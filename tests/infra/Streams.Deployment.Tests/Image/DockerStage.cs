namespace Streams.Deployment.Tests.Image;

/// <summary>One build stage: its base image or stage, its name, and its instructions in order.</summary>
internal sealed record DockerStage(string Base, string? Name, List<(string Keyword, string Arguments)> Instructions)
{
    public IEnumerable<string> Arguments(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);
}
