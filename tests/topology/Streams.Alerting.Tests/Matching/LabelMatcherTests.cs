using Streams.Alerting.Matching;
using Streams.Alerting.Notifications;

namespace Streams.Alerting.Tests.Matching;

public sealed class LabelMatcherTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["host"] = "web-12", ["group"] = "web" };

    [Theory]
    [InlineData("group=\"web\"", true)]
    [InlineData("group=web", true)]
    [InlineData("group!=\"web\"", false)]
    [InlineData("host=~\"web-[0-9]+\"", true)]
    [InlineData("host=~\"web\"", false)]
    [InlineData("host!~\"db-.*\"", true)]
    [InlineData("dc=\"\"", true)]
    [InlineData("dc!=\"\"", false)]
    public void Matches_AlertmanagerSemantics_AnchoredRegexAndMissingAsEmpty(string text, bool expected)
    {
        Assert.True(LabelMatcher.TryParse(text, out var matcher, out var error), error);
        Assert.Equal(expected, matcher.Matches(Labels));
    }

    [Fact]
    public void TryParse_QuotedValueWithEscapedQuote_Unescapes()
    {
        Assert.True(LabelMatcher.TryParse("summary=\"say \\\"hi\\\"\"", out var matcher, out _));
        Assert.Equal("say \"hi\"", matcher.Value);
    }
}
