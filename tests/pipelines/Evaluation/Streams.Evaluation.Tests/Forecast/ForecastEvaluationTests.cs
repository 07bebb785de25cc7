using Streams.Alerting.Rules;
using Streams.Evaluation.Forecast;

namespace Streams.Evaluation.Tests.Forecast;

public sealed class ForecastEvaluationTests
{
    [Fact]
    public void RuleFor_ResourceWithoutADefaultRule_JudgedAsTheDefaultsJudgeAFilesystem()
    {
        var day = DefaultRules.All.Single(r => r.Id == "filesystem-full-in-a-day");

        var cpu = ForecastEvaluation.RuleFor("cpu.util", TimeSpan.FromHours(24));

        Assert.Equal(day.Forecast! with { Metric = "cpu.util", Series = null }, cpu.Forecast);
        Assert.Equal(TimeSpan.FromHours(2), cpu.For);
    }

    [Fact]
    public void RuleFor_HardwareDiskService_IsItsOwnDefaultRule()
    {
        var disk = ForecastEvaluation.RuleFor("disk.svc", TimeSpan.FromHours(24));

        Assert.Equal(DefaultRules.All.Single(r => r.Id == "disk-failing-in-a-day").Forecast, disk.Forecast);
    }

    [Fact]
    public void RuleFor_HorizonNoDefaultRuleHas_NoHysteresisAndNoForDuration()
    {
        var rule = ForecastEvaluation.RuleFor("mem.used.percent", TimeSpan.FromDays(3));

        Assert.Equal((TimeSpan.FromDays(3), (TimeSpan?)null, TimeSpan.Zero), (rule.Forecast!.Horizon, rule.Forecast.Clear, rule.For));
    }
}
