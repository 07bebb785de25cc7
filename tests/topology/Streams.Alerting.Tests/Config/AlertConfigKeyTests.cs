using Streams.Alerting.Config;

namespace Streams.Alerting.Tests.Config;

public sealed class AlertConfigKeyTests
{
    [Theory]
    [InlineData("rule:cpu-high", AlertConfigKey.RulePrefix, "cpu-high")]
    [InlineData("preference:team-web", AlertConfigKey.PreferencePrefix, "team-web")]
    [InlineData("silence:s1", AlertConfigKey.SilencePrefix, "s1")]
    [InlineData("ack:ab12", AlertConfigKey.AckPrefix, "ab12")]
    public void TryParse_KnownKind_SplitsPrefixAndId(string key, string prefix, string id)
    {
        Assert.True(AlertConfigKey.TryParse(key, out var parsedPrefix, out var parsedId));
        Assert.Equal(prefix, parsedPrefix);
        Assert.Equal(id, parsedId);
    }

    [Theory]
    [InlineData("host/web-1")]
    [InlineData("rule:")]
    [InlineData("")]
    public void TryParse_UnknownOrEmptyId_IsFalse(string key) => Assert.False(AlertConfigKey.TryParse(key, out _, out _));
}
