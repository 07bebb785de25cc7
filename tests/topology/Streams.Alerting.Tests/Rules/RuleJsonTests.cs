using io.streams.avro;
using Streams.Alerting.Rules;

namespace Streams.Alerting.Tests.Rules;

public sealed class RuleJsonTests
{
    [Fact]
    public void Parse_ThresholdRuleAsAdminsWriteIt_ReadsEveryField()
    {
        const string json = """
            {"id":"disk-root","name":"RootAlmostFull","kind":"threshold","severity":"critical","for":"1h30m",
             "scope":{"hosts":["db-*"],"tags":{"dc":"eu-1"}},"groupBy":["host","dc"],
             "threshold":{"metric":"fs.used.percent","series":"fs.used.percent{mount=/}","statistic":"last","comparator":">=","value":0.9,"clear":0.85}}
            """;

        var rule = RuleJson.Parse(json, out var error);

        Assert.Null(error);
        Assert.NotNull(rule);
        Assert.Equal((RuleKind.Threshold, Severity.CRITICAL, TimeSpan.FromMinutes(90)), (rule.Kind, rule.Severity, rule.For));
        Assert.Equal(Comparator.AtLeast, rule.Threshold!.Comparator);
        Assert.Equal(WindowStatistic.Last, rule.Threshold.Statistic);
        Assert.Equal(["db-*"], rule.Scope.Hosts);
        Assert.Empty(RuleValidator.Validate(rule));
    }

    [Theory]
    [InlineData("""{"id":"x","name":"X","kind":"threshold","for":"5 minutes"}""", "for: '5 minutes' is not a duration")]
    [InlineData("""{"id":"x","name":"X","kind":"sometimes"}""", "kind:")]
    [InlineData("""{"id":"x","name":"X","kind":"threshold","treshold":{}}""", "treshold")]
    [InlineData("""{"id":"x","name":"X","kind":"threshold","threshold":{"comparator":"=="}}""", "threshold.comparator:")]
    public void Parse_MalformedRule_SaysWhereAndWhy(string json, string expected)
    {
        var rule = RuleJson.Parse(json, out var error);

        Assert.Null(rule);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_DefaultRules_RoundTripAndAreValid()
    {
        foreach (var rule in DefaultRules.All)
        {
            Assert.Empty(RuleValidator.Validate(rule));
            var copy = RuleJson.Parse(RuleJson.Serialize(rule), out var error);
            Assert.Null(error);
            Assert.Equal(RuleJson.Serialize(rule), RuleJson.Serialize(copy!));
        }

        Assert.Contains("\"for\":\"5m\"", RuleJson.Serialize(DefaultRules.All.Single(r => r.Id == "cpu-saturated")), StringComparison.Ordinal);
    }
}
