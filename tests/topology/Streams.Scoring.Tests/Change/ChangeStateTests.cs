using Streams.Scoring.Change;

namespace Streams.Scoring.Tests.Change;

public sealed class ChangeStateTests
{
    private static readonly ChangeOptions OneDetector = new() { Spans = [10], Floors = [0.05], Tops = [1] };

    private static readonly double[] UnitScales = [1.0, 1.0];

    [Fact]
    public void Next_StepChange_DeviatesAtTheStepThenIsAbsorbedByTheRecentPast()
    {
        var state = new ChangeState(OneDetector, 2);
        var raw = new double[1];
        var random = new Random(1);
        for (var i = 0; i < 50; i++)
        {
            state.Next([0.5 + (0.01 * random.NextDouble()), 0.2], default, UnitScales, raw);
        }

        var before = raw[0];
        state.Next([0.9, 0.2], default, UnitScales, raw);
        var atStep = raw[0];
        var metricAtStep = state.Deviations[0];
        for (var i = 0; i < 60; i++)
        {
            state.Next([0.9 + (0.01 * random.NextDouble()), 0.2], default, UnitScales, raw);
        }

        // 0.4 against a noise floor of 0.05: about 8 standard deviations at the step.
        Assert.True(atStep > 7, $"step deviation {atStep}");
        Assert.True(before < 1, $"steady deviation {before}");
        Assert.True(raw[0] < 1, $"deviation 60 windows after the step {raw[0]}");
        Assert.Equal(atStep, metricAtStep, 12);
        Assert.Equal(0, state.Deviations[1]);
    }

    [Fact]
    public void Next_BeforeTheSpanIsFilled_WritesNaN()
    {
        var state = new ChangeState(OneDetector, 2);
        var raw = new double[1];
        for (var i = 0; i < 10; i++)
        {
            state.Next([0.5, 0.2], default, UnitScales, raw);
            Assert.True(double.IsNaN(raw[0]), $"window {i} scored before the span was filled");
        }

        state.Next([0.5, 0.2], default, UnitScales, raw);
        Assert.Equal(0, raw[0]);

        state.Next([double.NaN, double.PositiveInfinity], default, UnitScales, raw);
        state.Next([0.5, 0.2], default, UnitScales, raw);
        Assert.Equal(0, raw[0]);
    }

    [Fact]
    public void Next_AbsentMetric_NeitherScoredNorAddedToItsPast()
    {
        var state = new ChangeState(OneDetector, 2);
        var raw = new double[1];
        for (var i = 0; i < 20; i++)
        {
            state.Next([0.5, 0.2], default, UnitScales, raw);
        }

        state.Next([0.5, 1e9], [true, false], UnitScales, raw);
        Assert.Equal(0, raw[0]);
        Assert.Equal(0, state.Deviations[1]);

        state.Next([0.5, 0.2], default, UnitScales, raw);
        Assert.Equal(0, raw[0]);
    }

    [Fact]
    public void Next_TopTwo_AveragesTheTwoLargestDeviations()
    {
        var options = new ChangeOptions { Spans = [10], Floors = [0.1], Tops = [1, 2] };
        var state = new ChangeState(options, 3);
        var raw = new double[2];
        for (var i = 0; i < 20; i++)
        {
            state.Next([0.0, 0.0, 0.0], default, [1.0, 1.0, 1.0], raw);
        }

        state.Next([1.0, 0.5, 0.0], default, [1.0, 1.0, 1.0], raw);

        Assert.Equal(10, raw[0], 9);
        Assert.Equal(7.5, raw[1], 9);
    }

    [Fact]
    public void Next_FloorIsAShareOfTheMetricsScale()
    {
        var state = new ChangeState(OneDetector, 1);
        var raw = new double[1];
        for (var i = 0; i < 20; i++)
        {
            state.Next([1_000.0], default, [2_000.0], raw);
        }

        // A flat metric with a 2,000-unit training range: the floor is 5 % of it, 100 units.
        state.Next([1_300.0], default, [2_000.0], raw);

        Assert.Equal(3, raw[0], 9);
    }
}
