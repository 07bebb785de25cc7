using Avro;
using Streams.Platform.SchemaRegistry.Compatibility;

namespace Streams.Platform.SchemaRegistry.Tests.Compatibility;

public sealed class CompatibilityPolicyTests
{
    private static readonly Schema V1 = Record("""{"name":"a","type":"int"}""");
    private static readonly Schema V2WithoutA = Record("""{"name":"b","type":"string","default":""}""");
    private static readonly Schema V3AAsString = Record("""{"name":"b","type":"string","default":""},{"name":"a","type":"string","default":""}""");

    [Fact]
    public void Check_Backward_ComparesWithLatestOnly()
    {
        Assert.Empty(CompatibilityPolicy.Check(CompatibilityLevel.Backward, V3AAsString, [V1, V2WithoutA]));
    }

    [Fact]
    public void Check_BackwardTransitive_ComparesWithEveryVersion()
    {
        var reason = Assert.Single(CompatibilityPolicy.Check(CompatibilityLevel.BackwardTransitive, V3AAsString, [V1, V2WithoutA]));

        Assert.Contains("BACKWARD", reason, StringComparison.Ordinal);
        Assert.Contains("/fields/a", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BackwardAddingRequiredField_IsRefused()
    {
        var candidate = Record("""{"name":"a","type":"int"},{"name":"c","type":"int"}""");

        Assert.NotEmpty(CompatibilityPolicy.Check(CompatibilityLevel.Backward, candidate, [V1]));
        Assert.Empty(CompatibilityPolicy.Check(CompatibilityLevel.Forward, candidate, [V1]));
    }

    [Fact]
    public void Check_ForwardRemovingFieldOldReaderNeeds_IsRefused()
    {
        var candidate = Record("""{"name":"z","type":"int"}""");

        var reason = Assert.Single(CompatibilityPolicy.Check(CompatibilityLevel.Forward, candidate, [V1]));
        Assert.Contains("FORWARD", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ForwardTransitive_ComparesWithEveryVersion()
    {
        // v2 reads the candidate (its b has a default); v1 needs an int a, which the candidate lacks.
        var candidate = Record("""{"name":"b","type":"string"}""");

        Assert.Empty(CompatibilityPolicy.Check(CompatibilityLevel.Forward, candidate, [V1, V2WithoutA]));
        Assert.Single(CompatibilityPolicy.Check(CompatibilityLevel.ForwardTransitive, candidate, [V1, V2WithoutA]));
    }

    [Fact]
    public void Check_FullAddingFieldWithDefault_IsAccepted()
    {
        var candidate = Record("""{"name":"a","type":"int"},{"name":"c","type":"int","default":0}""");

        Assert.Empty(CompatibilityPolicy.Check(CompatibilityLevel.Full, candidate, [V1]));
        Assert.Empty(CompatibilityPolicy.Check(CompatibilityLevel.FullTransitive, candidate, [V1]));
    }

    [Fact]
    public void Check_FullWideningType_FailsForwardOnly()
    {
        var candidate = Record("""{"name":"a","type":"long"}""");

        var reason = Assert.Single(CompatibilityPolicy.Check(CompatibilityLevel.Full, candidate, [V1]));
        Assert.Contains("FORWARD", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FullTransitive_ComparesWithEveryVersion()
    {
        Assert.NotEmpty(CompatibilityPolicy.Check(CompatibilityLevel.FullTransitive, V3AAsString, [V1, V2WithoutA]));
        Assert.Empty(CompatibilityPolicy.Check(CompatibilityLevel.Full, V3AAsString, [V1, V2WithoutA]));
    }

    [Fact]
    public void Check_None_AcceptsAnything()
    {
        Assert.Empty(CompatibilityPolicy.Check(CompatibilityLevel.None, Schema.Parse("\"string\""), [V1]));
    }

    [Theory]
    [InlineData("backward", nameof(CompatibilityLevel.Backward))]
    [InlineData("FULL_TRANSITIVE", nameof(CompatibilityLevel.FullTransitive))]
    [InlineData(" forward_transitive ", nameof(CompatibilityLevel.ForwardTransitive))]
    public void TryParse_KnownName_RoundTrips(string name, string expected)
    {
        Assert.True(CompatibilityPolicy.TryParse(name, out var level));
        Assert.Equal(Enum.Parse<CompatibilityLevel>(expected), level);
        Assert.Equal(name.Trim().ToUpperInvariant(), CompatibilityPolicy.ToName(level));
    }

    [Theory]
    [InlineData("SIDEWAYS")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownName_Fails(string? name)
    {
        Assert.False(CompatibilityPolicy.TryParse(name, out _));
    }

    private static Schema Record(string fields) =>
        Schema.Parse($$"""{"type":"record","name":"Sample","fields":[{{fields}}]}""");
}
