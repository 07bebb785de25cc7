using Streams.Host.Hosting;

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
}
