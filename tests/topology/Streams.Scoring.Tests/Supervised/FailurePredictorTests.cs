using Streams.Scoring.Supervised;

namespace Streams.Scoring.Tests.Supervised;

public sealed class FailurePredictorTests
{
    // Incidents whenever feature 0 exceeds 0.8; feature 1 is noise.
    private static (float[] Rows, bool[] Incidents) Data(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new float[count * 2];
        var incidents = new bool[count];
        for (var i = 0; i < count; i++)
        {
            rows[2 * i] = (float)random.NextDouble();
            rows[(2 * i) + 1] = (float)random.NextDouble();
            incidents[i] = rows[2 * i] > 0.8f;
        }

        return (rows, incidents);
    }

    [Fact]
    public void HorizonLabels_IncidentAhead_MarksTheWindowsBeforeIt()
    {
        bool[] incidents = [false, false, false, false, true, true, false, false];

        var labels = FailurePredictor.HorizonLabels(incidents, 2);

        Assert.Equal([false, false, true, true, true, true, false, false], labels);
    }

    [Fact]
    public void Probabilities_RuleLearnedFromLabels_SeparatesUnseenWindows()
    {
        var (rows, incidents) = Data(2_000, 1);
        var predictor = FailurePredictor.Train(rows, 2, incidents, new FailurePredictorOptions { Horizon = 0 });
        var (test, truth) = Data(500, 2);

        var probabilities = predictor.Probabilities(test);

        var correct = probabilities.Where((p, i) => p >= 0.5 == truth[i]).Count();
        Assert.True(correct >= 480, $"{correct} of 500 windows classified correctly");
    }

    [Fact]
    public void Train_SameDataAndSeed_SameProbabilities()
    {
        var (rows, incidents) = Data(1_000, 3);
        var options = new FailurePredictorOptions { Horizon = 3 };

        var a = FailurePredictor.Train(rows, 2, incidents, options).Probabilities(rows.AsSpan(0, 200));
        var b = FailurePredictor.Train(rows, 2, incidents, options).Probabilities(rows.AsSpan(0, 200));

        Assert.Equal(a, b);
    }

    [Fact]
    public void Train_NoIncident_Throws()
    {
        Assert.Throws<ArgumentException>(() => FailurePredictor.Train(new float[20], 2, new bool[10], new FailurePredictorOptions()));
    }
}
