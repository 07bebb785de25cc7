using System.Net;
using System.Security;
using io.streams.avro;
using Streams.Collectors.Nagios.Nrdp;
using Streams.Collectors.Publishing.Inbound;
using Streams.Collectors.Prometheus.Tests.Support;

namespace Streams.Collectors.Nagios.Tests;

public sealed class NrdpTests
{
    private const string CheckLoad = "/usr/lib/nagios/plugins/check_load";
    private const string CheckDisk = "/usr/lib/nagios/plugins/check_disk";
    private const string Token = "s3cret";

    [PeerFact(CheckLoad)]
    public async Task Post_RealCheckLoadAndCheckDiskOutputAsXml_SeriesPerPerfItemAndStateSeries()
    {
        var load = await PeerProcess.RunAsync(CheckLoad, "-w", "1000,1000,1000", "-c", "2000,2000,2000");
        var disk = await PeerProcess.RunAsync(CheckDisk, "-w", "0%", "-c", "0%", "-p", "/");
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };

        using var response = await http.PostAsync("/nrdp/", Form(Token, "XMLDATA", $"""
            <?xml version='1.0'?>
            <checkresults>
              <checkresult type="service"><hostname>web-1</hostname><servicename>Current Load</servicename><state>{load.ExitCode}</state><output>{SecurityElement.Escape(load.StandardOutput.Trim())}</output></checkresult>
              <checkresult type="service"><hostname>web-1</hostname><servicename>Root Disk</servicename><state>{disk.ExitCode}</state><output>{SecurityElement.Escape(disk.StandardOutput.Trim())}</output></checkresult>
            </checkresults>
            """));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<status>0</status>", body, StringComparison.Ordinal);
        Assert.Contains("2 checks processed.", body, StringComparison.Ordinal);
        Assert.Equal(0, load.ExitCode);
        Assert.Contains(host.Sink.Samples, s => s.metric == "nagios.current_load.load1" && s.tags["service"] == "Current Load");
        Assert.Contains(host.Sink.Samples, s => s.metric == "nagios.root_disk._" || (s.metric.StartsWith("nagios.root_disk.", StringComparison.Ordinal) && s.unit == "bytes"));
        Assert.Equal(2, host.Sink.Samples.Count(s => s.metric == "nagios.check.state"));
        Assert.Empty(host.Sink.DeadLetters);
    }

    [Fact]
    public async Task Post_JsonDataStateChanges_JsonAnswerAndAnEventPerChange()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };
        string Json(int state) => $$"""{"checkresults":[{"checkresult":{"type":"service"},"hostname":"db-1","servicename":"PING","state":"{{state}}","output":"PING {{state}} - rta=1ms | rta=1.2ms;100;500;0 pl=0%;20;60;0"}]}""";

        using var first = await http.PostAsync("/nrdp/", Form(Token, "JSONDATA", Json(0)));
        using var second = await http.PostAsync("/nrdp/", Form(Token, "JSONDATA", Json(2)));

        Assert.Equal("""{"result":{"status":0,"message":"OK","meta":{"output":"1 checks processed."}}}""", await second.Content.ReadAsStringAsync());
        var change = Assert.Single(host.Sink.Events);
        Assert.Equal("db-1", change.host);
        Assert.Equal(LogSeverity.CRITICAL, change.severity);
        Assert.Equal("PING", change.structuredData["service"]);
        Assert.Equal(0.0012, host.Sink.Samples.First(s => s.metric == "nagios.ping.rta").value, 9);
    }

    [Fact]
    public async Task Post_MalformedXmlThenAValidPost_400WithReasonAndDeadLetterThenAccepted()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };

        using var bad = await http.PostAsync("/nrdp/", Form(Token, "XMLDATA", "<checkresults><checkresult>"));
        using var badState = await http.PostAsync("/nrdp/", Form(Token, "XMLDATA", "<checkresults><checkresult type='host'><hostname>h</hostname><state>9</state></checkresult></checkresults>"));
        using var good = await http.PostAsync("/nrdp/", Form(Token, "XMLDATA", "<checkresults><checkresult type='host'><hostname>h</hostname><state>1</state><output>DOWN</output></checkresult></checkresults>"));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("BAD XML", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("not 0 to 3", await badState.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, host.Sink.DeadLetters.Count);
        Assert.All(host.Sink.DeadLetters, l => Assert.Equal((NrdpReceiver.Source, InboundRejectReason.MalformedInput), (l.Source, l.Reason)));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("_host", Assert.Single(host.Sink.Samples).tags["service"]);
        Assert.Equal(LogSeverity.CRITICAL, Assert.Single(host.Sink.Events).severity);
    }

    [Fact]
    public async Task Post_WrongToken_403BadTokenAndNothingPublished()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };

        using var response = await http.PostAsync("/nrdp/", Form("wrong", "XMLDATA", "<checkresults/>"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("BAD TOKEN", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.Sink.Samples);
    }

    [Fact]
    public async Task Post_NoToken_403BadTokenAndNothingPublished()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };
        var check = "<checkresults><checkresult type='host'><hostname>h</hostname><state>2</state><output>DOWN</output></checkresult></checkresults>";

        using var form = await http.PostAsync("/nrdp/", new FormUrlEncodedContent(new Dictionary<string, string> { ["cmd"] = "submitcheck", ["XMLDATA"] = check }));
        using var query = await http.GetAsync(new Uri("/nrdp/?cmd=submitcheck&XMLDATA=" + Uri.EscapeDataString(check), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, query.StatusCode);
        Assert.Contains("BAD TOKEN", await query.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(host.Sink.Samples);
        Assert.Empty(host.Sink.Events);
    }

    [Fact]
    public async Task Post_ResultsOfSeveralHosts_OneBatchPerHostAndCheckTime()
    {
        await using var host = await StartAsync();
        using var http = new HttpClient { BaseAddress = host.Url };

        using var response = await http.PostAsync("/nrdp/", Form(Token, "JSONDATA", """
            {"checkresults":[
              {"checkresult":{"type":"service"},"hostname":"web-1","servicename":"PING","state":"0","output":"PING OK | rta=1.2ms;100;500;0 pl=0%;20;60;0"},
              {"checkresult":{"type":"service"},"hostname":"db-1","servicename":"Load","state":"1","output":"LOAD WARNING | load1=3.5;3;5;0"},
              {"checkresult":{"type":"host"},"hostname":"web-1","state":"0","output":"UP"}]}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [("web-1", "nagios.check.state,nagios.ping.rta,nagios.ping.pl,nagios.check.state"), ("db-1", "nagios.check.state,nagios.load.load1")],
            host.Sink.Batches.Select(b => (b.host, string.Join(",", b.points.Select(p => p.metric)))));
        Assert.Equal(["PING", "PING", "PING", "_host"], host.Sink.Batches.First().points.Select(p => p.tags["service"]));
        Assert.All(host.Sink.Batches, b => Assert.Equal(MetricSource.NAGIOS, b.source));
    }

    [Fact]
    public async Task Start_NoTokensConfigured_GeneratesAPrivateTokenFileThatTheNextStartKeeps()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "streams-nagios-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(dataDir, "nagios", "nrdp.token");
        var settings = new Dictionary<string, string?> { ["Api:DataDir"] = Path.Combine(dataDir, "api") };
        try
        {
            string generated;
            await using (var first = await StartAsync(settings))
            {
                generated = (await File.ReadAllTextAsync(file)).Trim();
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                }
            }

            await using var second = await StartAsync(settings);
            using var http = new HttpClient { BaseAddress = second.Url };
            var check = "<checkresults><checkresult type='host'><hostname>h</hostname><state>0</state><output>UP</output></checkresult></checkresults>";
            using var anyToken = await http.PostAsync("/nrdp/", Form("anything", "XMLDATA", check));
            using var fileToken = await http.PostAsync("/nrdp/", Form(generated, "XMLDATA", check));

            Assert.Equal(generated, (await File.ReadAllTextAsync(file)).Trim());
            Assert.True(generated.Length >= 43, "32 random bytes, base64url");
            Assert.Equal(HttpStatusCode.Forbidden, anyToken.StatusCode);
            Assert.Equal(HttpStatusCode.OK, fileToken.StatusCode);
            Assert.Single(second.Sink.Samples);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static Task<ReceiverHost> StartAsync(IDictionary<string, string?>? settings = null) => ReceiverHost.StartAsync(
        NagiosServiceCollectionExtensions.SinkKey,
        settings ?? new Dictionary<string, string?> { ["Nagios:Tokens:0"] = Token },
        (services, configuration) => services.AddNagios(configuration),
        endpoints => endpoints.MapNagiosNrdp());

    private static FormUrlEncodedContent Form(string token, string field, string data) => new(new Dictionary<string, string>
    {
        ["token"] = token,
        ["cmd"] = "submitcheck",
        [field] = data,
    });
}
