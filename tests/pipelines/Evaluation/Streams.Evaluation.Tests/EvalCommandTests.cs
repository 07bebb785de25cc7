using System.Text.Json;
using Streams.Evaluation.Metrics;

namespace Streams.Evaluation.Tests;

public sealed class EvalCommandTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    private static async Task<(int Code, string Output, string Errors)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await EvalCommand.Create(output, errors).Parse(args).InvokeAsync();
        return (code, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task Invoke_ForecastJson_ReportsEveryKindAtEveryHorizonAndPredictsTheFilledDisks()
    {
        var (code, output, _) = await Run("forecast", "--servers", "12", "--days", "6", "--interval", "15m", "--failing", "0.7", "--within", "24h,7d", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(10, rows.Count);
        Assert.Equal(["1d", "7d"], rows.Select(r => r.GetProperty("horizon").GetString()).Distinct());
        var disk = rows.Where(r => r.GetProperty("kind").GetString() == "DiskExhaustion").ToList();
        Assert.All(disk, r =>
        {
            Assert.Equal("fs.used.percent", r.GetProperty("resource").GetString());
            Assert.True(r.GetProperty("failures").GetInt32() > 0);
            Assert.Equal(r.GetProperty("failures").GetInt32(), r.GetProperty("predicted").GetInt32());
            Assert.True(r.GetProperty("lead_median_s").GetDouble() >= 3600);
        });
        Assert.True(json.RootElement.GetProperty("healthy_hosts").GetInt32() > 0);
    }

    [Fact]
    public async Task Invoke_ForecastWithABadHorizon_ExitsTwoNamingTheOption()
    {
        var (code, _, errors) = await Run("forecast", "--within", "soon");

        Assert.Equal(2, code);
        Assert.Contains("--within", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_SmdFixtureJson_ReportsOverallAndPerMachineFigures()
    {
        var (code, output, _) = await Run("smd", "--data", Path.Combine(Fixtures, "smd"), "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var overall = json.RootElement.GetProperty("overall");
        foreach (var member in new[] { "precision", "recall", "f1", "f1_pa", "event_recall", "fpr", "hitrate_100", "hitrate_150" })
        {
            Assert.InRange(overall.GetProperty(member).GetDouble(), 0, 1);
        }

        // The fixture's one anomaly is a jump of metric 2 to 0.99, far from anything in train/.
        Assert.Equal(1, overall.GetProperty("events_detected").GetInt32());
        Assert.Equal(1, overall.GetProperty("hitrate_100").GetDouble(), 6);
        Assert.True(json.RootElement.GetProperty("files").TryGetProperty("machine-9-1", out _));
    }

    [Fact]
    public async Task Invoke_SmdFixtureJson_ReportsEventAffiliationRangeAndDelayFigures()
    {
        var (code, output, _) = await Run("smd", "--data", Path.Combine(Fixtures, "smd"), "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var overall = json.RootElement.GetProperty("overall");
        foreach (var member in new[] { "event_precision", "affiliation_precision", "affiliation_recall", "affiliation_f1", "vus_pr", "range_auc_pr" })
        {
            Assert.InRange(overall.GetProperty(member).GetDouble(), 0, 1);
        }

        // The fixture's one event is detected, so it has one delay, in whole minutes.
        var delay = overall.GetProperty("delay");
        Assert.Equal(1, delay.GetProperty("events").GetInt32());
        Assert.Equal(60 * delay.GetProperty("median_windows").GetDouble(), delay.GetProperty("median_seconds").GetDouble(), 9);
        Assert.Equal("machine-9-1", overall.GetProperty("fpr_worst").GetProperty("file").GetString());
        var machine = json.RootElement.GetProperty("files").GetProperty("machine-9-1");
        Assert.InRange(machine.GetProperty("sliding_window").GetInt32(), 3, 300);
    }

    [Fact]
    public async Task Invoke_NabFixtureJson_ScoresTheSpikeInItsWindow()
    {
        var (code, output, _) = await Run("nab", "--data", Path.Combine(Fixtures, "nab"), "--files", "spiky", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var overall = json.RootElement.GetProperty("overall");
        Assert.Equal(1, overall.GetProperty("events_detected").GetInt32());
        // The spike is row 150, the 11th of the window's 20 rows [140, 159]. The default anomaly rule
        // wants two consecutive windows over the threshold, so its one alert fires at row 151, the
        // second (the series' lag keeps the spike in view): a reward of σ(-9/20)/σ(-1) and no false positive.
        Assert.Equal(1, overall.GetProperty("alerts_fired").GetInt32());
        Assert.Equal(NabScorer.Sigmoid(-9 / 20.0) / NabScorer.Sigmoid(-1), overall.GetProperty("nab_raw").GetDouble(), 9);
        // The side detector flags the spike's own row: σ(-10/20)/σ(-1).
        var side = overall.GetProperty("side_detector");
        Assert.Equal("side detector (not live)", side.GetProperty("label").GetString());
        Assert.Equal(NabScorer.Sigmoid(-10 / 20.0) / NabScorer.Sigmoid(-1), side.GetProperty("nab_raw").GetDouble(), 9);
    }

    [Fact]
    public async Task Invoke_NabTable_LabelsTheSideDetectorNotLive()
    {
        var (code, output, _) = await Run("nab", "--data", Path.Combine(Fixtures, "nab"), "--files", "spiky");

        Assert.Equal(0, code);
        Assert.Contains("alerts fired", output, StringComparison.Ordinal);
        Assert.Contains("side detector (not live)", output, StringComparison.Ordinal);
        Assert.Contains("side: NAB standard", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Table_PrintsEveryMachineAndOverall()
    {
        var (code, output, _) = await Run("smd", "--data", Path.Combine(Fixtures, "smd"));

        Assert.Equal(0, code);
        Assert.Contains("machine-9-1", output, StringComparison.Ordinal);
        Assert.Contains("overall", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_MissingFolder_FailsWithMessage()
    {
        var (code, _, errors) = await Run("smd", "--data", Path.Combine(Fixtures, "nowhere"));

        Assert.Equal(2, code);
        Assert.Contains("train/", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnknownMachine_FailsWithItsName()
    {
        var (code, _, errors) = await Run("smd", "--data", Path.Combine(Fixtures, "smd"), "--machines", "machine-0-0");

        Assert.Equal(2, code);
        Assert.Contains("machine-0-0", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_LiteratureProtocol_TrainsOnceAndDetectsTheFixturesAnomaly()
    {
        var (code, output, _) = await Run("smd", "--data", Path.Combine(Fixtures, "smd"), "--protocol", "literature", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("overall").GetProperty("events_detected").GetInt32());
    }

    [Fact]
    public async Task Invoke_SpanShorterThanAMatureHistory_FailsWithTheSetting()
    {
        var (code, _, errors) = await Run("smd", "--data", Path.Combine(Fixtures, "smd"), "--span", "100");

        Assert.Equal(2, code);
        Assert.Contains("SpanWindows", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_HistoryNone_ReportsEveryTestRowThoughNoModelExistsYet()
    {
        // test/ has 40 rows, fewer than the 60 a first model needs: only the cold start judges them.
        var (code, output, _) = await Run("smd", "--data", Path.Combine(Fixtures, "smd"), "--history", "none", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var overall = json.RootElement.GetProperty("overall");
        Assert.Equal(40, overall.GetProperty("tp").GetInt64() + overall.GetProperty("fp").GetInt64() + overall.GetProperty("fn").GetInt64() + overall.GetProperty("tn").GetInt64());
        Assert.Equal(1, overall.GetProperty("events").GetInt32());
    }

    [Fact]
    public async Task Invoke_HistoryNoneWithTheLiteratureProtocol_FailsNamingTheOption()
    {
        var (code, _, errors) = await Run("smd", "--data", Path.Combine(Fixtures, "smd"), "--history", "none", "--protocol", "literature");

        Assert.Equal(2, code);
        Assert.Contains("--history none", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_NabFixtureJson_ReportsEveryNabProfile()
    {
        var (code, output, _) = await Run("nab", "--data", Path.Combine(Fixtures, "nab"), "--files", "spiky", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var overall = json.RootElement.GetProperty("overall");

        // One window, caught, no false positive: raw r under every profile, normalized against the
        // null detector (−1 standard and low FP, −2 low FN) and the perfect one (+1).
        var raw = overall.GetProperty("nab_raw").GetDouble();
        Assert.Equal(100 * (raw + 1) / 2, overall.GetProperty("nab_standard").GetDouble(), 9);
        Assert.Equal(100 * (raw + 1) / 2, overall.GetProperty("nab_low_fp").GetDouble(), 9);
        Assert.Equal(100 * (raw + 2) / 3, overall.GetProperty("nab_low_fn").GetDouble(), 9);
    }
}
