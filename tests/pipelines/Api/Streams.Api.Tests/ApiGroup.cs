namespace Streams.Api.Tests;

[CollectionDefinition(Name)]
public sealed class ApiGroup : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
