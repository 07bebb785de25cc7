using io.streams.avro;
using Streams.Alerting.Rules;

namespace Streams.Alerting.Tests.Rules;

public sealed class RuleValidatorTests
{
    [Fact]
    public void Validate_RuleWithManyProblems_ReportsEachWithItsField()
    {
        var rule = new AlertRule
        {
            Id = "bad id!",
            Name = "",
            Kind = RuleKind.Threshold,
            Severity = Severity.UNKNOWN,
            Threshold = new() { Metric = "", Comparator = Comparator.Above, Value = 0.9, Clear = 0.95 },
            Anomaly = new(),
        };

        var errors = RuleValidator.Validate(rule);

        Assert.Contains(errors, e => e.StartsWith("id:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("name:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("severity:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("threshold.metric:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("threshold.clear:", StringComparison.Ordinal) && e.Contains("never clear", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("exactly one condition", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(RuleKind.NoData, "noData: required")]
    [InlineData(RuleKind.Log, "log: required")]
    [InlineData(RuleKind.Anomaly, "anomaly: required")]
    public void Validate_KindWithoutItsCondition_NamesTheMissingCondition(RuleKind kind, string expected)
    {
        var errors = RuleValidator.Validate(new AlertRule { Id = "r", Name = "R", Kind = kind });

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NoDataShorterThanTwoWindows_IsRejected()
    {
        var errors = RuleValidator.Validate(new AlertRule { Id = "r", Name = "R", Kind = RuleKind.NoData, NoData = new() { After = TimeSpan.FromSeconds(5) } });

        Assert.Contains(errors, e => e.StartsWith("noData.after: 5s", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UnknownLogSeverity_ListsTheKnownOnes()
    {
        var errors = RuleValidator.Validate(new AlertRule { Id = "r", Name = "R", Kind = RuleKind.Log, Log = new() { MinSeverity = "FATAL" } });

        Assert.Contains(errors, e => e.StartsWith("log.minSeverity: 'FATAL'", StringComparison.Ordinal) && e.Contains("EMERGENCY", StringComparison.Ordinal));
    }
}
