using System.Xml.Linq;

namespace Streams.Deployment.Tests.Image;

public sealed class DockerfileTests
{
    private static readonly string[] ProjectFolders = ["schemas", "topology", "pipelines"];

    private readonly Dockerfile dockerfile = Dockerfile.Load();

    [Fact]
    public void Stages_BuildOnTheSdkAndRunOnTheAspNetRuntime_WithTheRolesOnlyImageAsDefault()
    {
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", dockerfile.Stage("build").Base, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", dockerfile.Stage("runtime").Base, StringComparison.Ordinal);
        Assert.Equal("runtime", dockerfile.Stage("embedded").Base);
        // The last stage is what `docker build` without --target gives: roles only, no chDB.
        Assert.Equal("runtime", dockerfile.Stages[^1].Base);
        Assert.Contains(dockerfile.Stage("runtime").Arguments("COPY"), c => c == "--from=build /app /app");
        Assert.Contains(dockerfile.Stage("build").Arguments("RUN"), r => r.Contains("dotnet publish pipelines/Host/Streams.Host/Streams.Host.csproj -c Release -o /app", StringComparison.Ordinal));
    }

    [Fact]
    public void ChDb_OnlyTheEmbeddedStage_CarriesTheLibrary()
    {
        var withChDb = dockerfile.Stages.Where(s => s.Arguments("COPY").Any(c => c.Contains("libchdb.so", StringComparison.Ordinal))).Select(s => s.Name);

        Assert.Equal(["embedded"], withChDb);
        Assert.Contains(dockerfile.Stage("embedded").Arguments("ENV"), e => e.StartsWith("STREAMS_CHDB_LIBRARY=", StringComparison.Ordinal));
    }

    [Fact]
    public void Runtime_User_IsANumericNonRootId()
    {
        var user = Assert.Single(dockerfile.Stage("runtime").Arguments("USER"));
        var ids = user.Split(':');

        Assert.All(ids, id => Assert.True(int.TryParse(id, out var value) && value > 0, $"USER {user} must be numeric and not root (Kubernetes runAsNonRoot checks it)"));
        Assert.Contains(dockerfile.Stage("runtime").Arguments("RUN"), r => r.Contains($"--uid {ids[0]}", StringComparison.Ordinal));
    }

    [Fact]
    public void Runtime_HealthCheck_ProbesHealthzThroughTheScriptItCopies()
    {
        var runtime = dockerfile.Stage("runtime");

        Assert.Contains("[\"streams-healthcheck\", \"/healthz\"]", Assert.Single(runtime.Arguments("HEALTHCHECK")), StringComparison.Ordinal);
        Assert.Contains(runtime.Arguments("COPY"), c => c.EndsWith("infra/docker/healthcheck.sh /usr/local/bin/streams-healthcheck", StringComparison.Ordinal));
        Assert.Contains(runtime.Arguments("ENV"), e => e.Contains("Api__Host=0.0.0.0", StringComparison.Ordinal));
    }

    [Fact]
    public void Copy_EverySourceInTheRepository_Exists()
    {
        var sources = dockerfile.Stages
            .SelectMany(s => s.Arguments("COPY"))
            .Where(c => !c.StartsWith("--from=", StringComparison.Ordinal))
            .SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).SkipLast(1));

        Assert.All(sources, source => Assert.True(
            File.Exists(RepositoryFiles.PathOf(source)) || Directory.Exists(RepositoryFiles.PathOf(source)),
            $"COPY {source}: no such file or directory in the repository"));
    }

    [Fact]
    public void Build_Copies_EveryFileTheHostsProjectsIncludeFromElsewhere()
    {
        // A project that embeds files from outside its folder (the sink's migrations, the Avro
        // schemas) builds without them if the build stage lacks them: a glob matches nothing.
        var copied = dockerfile.Stage("build").Arguments("COPY")
            .SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();
        var projects = ProjectFolders
            .SelectMany(dir => Directory.GetFiles(RepositoryFiles.PathOf(dir), "*.csproj", SearchOption.AllDirectories));

        foreach (var project in projects)
        {
            var includes = XDocument.Load(project).Descendants()
                .Where(e => e.Name.LocalName != "ProjectReference")
                .Select(e => e.Attribute("Include")?.Value)
                .OfType<string>()
                .Where(i => i.StartsWith("..", StringComparison.Ordinal));
            foreach (var include in includes)
            {
                var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include));
                var relative = Path.GetRelativePath(RepositoryFiles.Root, full).Replace(Path.DirectorySeparatorChar, '/');
                Assert.True(copied.Any(c => relative.StartsWith(c, StringComparison.Ordinal)), $"{Path.GetFileName(project)} includes {relative}, which the build stage does not COPY");
            }
        }
    }
}
