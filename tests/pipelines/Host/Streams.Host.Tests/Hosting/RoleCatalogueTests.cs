using Streams.Host.Hosting;
using Streams.Testing;

namespace Streams.Host.Tests.Hosting;

public sealed class RoleCatalogueTests
{
    [Fact]
    public void Parse_KnownRolesInAnyCaseWithSpaces_ReturnsEachOnceInStartOrder()
    {
        var roles = RoleCatalogue.Parse(" Platform , platform");

        Assert.Equal([RoleCatalogue.PlatformRole], roles.Select(r => r.Name));
    }

    [Theory]
    [InlineData("bogus", "Unknown role 'bogus'")]
    [InlineData(" , ", "at least one role")]
    public void Parse_BadList_ThrowsNamingTheProblemAndTheKnownRoles(string list, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => RoleCatalogue.Parse(list));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(RoleCatalogue.PlatformRole, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EveryRoleOfTheComposeFile_IsARoleThisBuildRuns()
    {
        foreach (var service in ComposeFile.Load().RoleServices)
        {
            var error = Record.Exception(() => RoleCatalogue.Parse(string.Join(',', service.Roles)));

            Assert.True(error is null, $"{ComposeFile.RelativePath} service '{service.Service}': {error?.Message}");
        }
    }

    [Fact]
    public void All_EveryRoleStreamsUpRuns_HasAComposeService()
    {
        var deployed = ComposeFile.Load().Roles;

        var missing = RoleCatalogue.All.Select(r => r.Name).Except(NotComposeServices).Except(deployed);

        Assert.True(!missing.Any(), $"`streams up` runs roles {ComposeFile.RelativePath} has no service for: {string.Join(", ", missing)}");
    }

    // The platform is the Compose file's kafka, schema-registry and clickhouse services. The
    // Prometheus, Zabbix and Nagios receivers are for a user who runs that system: each needs its
    // targets, tokens or allowed senders and a port opened for it, so Compose leaves them out.
    private static readonly string[] NotComposeServices =
        [RoleCatalogue.PlatformRole, RoleCatalogue.PrometheusRole, RoleCatalogue.ZabbixRole, RoleCatalogue.NagiosRole];
}
