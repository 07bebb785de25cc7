using System.Text;
using io.streams.avro;
using Streams.Schemas.Topics;
using Streams.Topology.DeadLetters;
using Streams.Topology.Logs.Templates;
using Streamiz.Kafka.Net.SerDes;
using Streams.Topology.State;
using static Streams.Topology.Tests.Logs.LogsHarness;

namespace Streams.Topology.Tests.Logs;

public sealed class MineLogTemplatesTests : IDisposable
{
    private readonly LogsHarness harness = new();

    public void Dispose() => harness.Dispose();

    [Fact]
    public void Mine_SameMessageWithOtherNumbersAndAddresses_SharesOneTemplateAndId()
    {
        var clean = harness.Mine(
            Line("Failed password for root from 203.0.113.9 port 52144 ssh2", TimeSpan.Zero),
            Line("Failed password for root from 198.51.100.23 port 40022 ssh2", TimeSpan.FromSeconds(1)));

        Assert.Equal(2, clean.Count);
        Assert.NotNull(clean[0].templateId);
        Assert.Equal(16, clean[0].templateId.Length);
        Assert.Equal(clean[0].templateId, clean[1].templateId);
        Assert.Equal("Failed password for root from <*> port <*> ssh2", clean[1].structuredData[MineLogTemplates.TemplateKey]);
    }

    [Fact]
    public void Mine_DifferentMessages_GetDifferentTemplates()
    {
        var clean = harness.Mine(
            Line("Failed password for root from 203.0.113.9 port 52144 ssh2", TimeSpan.Zero),
            Line("Accepted publickey for deploy from 10.0.0.5 port 50122 ssh2", TimeSpan.FromSeconds(1)),
            Line("Connection closed by authenticating user root 203.0.113.9 port 52144 [preauth]", TimeSpan.FromSeconds(2)));

        Assert.Equal(3, clean.Select(c => c.templateId).Distinct().Count());
    }

    [Fact]
    public void Mine_FirstLineOfATemplate_IsFlaggedNewAndLaterLinesAreNot()
    {
        var first = Line("Server listening on 0.0.0.0 port 22.", TimeSpan.Zero);
        var replayed = Line("Server listening on 0.0.0.0 port 2222.", TimeSpan.FromSeconds(1));
        replayed.structuredData[MineLogTemplates.NewTemplateKey] = "true";

        var clean = harness.Mine(first, replayed, Line("Server listening on :: port 22.", TimeSpan.FromSeconds(2)));

        Assert.Equal("true", clean[0].structuredData[MineLogTemplates.NewTemplateKey]);
        Assert.DoesNotContain(MineLogTemplates.NewTemplateKey, clean[1].structuredData.Keys);
        Assert.Equal([true, false, false], clean.Select(c => c.structuredData.ContainsKey(MineLogTemplates.NewTemplateKey)));
        Assert.Equal(clean[0].templateId, clean[2].templateId);
    }

    [Fact]
    public void Mine_SameMessageOnTwoHosts_SameIdButEachHostFlagsItNew()
    {
        var clean = harness.Mine(
            Line("Received disconnect from 203.0.113.9 port 52144:11: Bye Bye [preauth]", TimeSpan.Zero, host: "web-01"),
            Line("Received disconnect from 198.51.100.7 port 61000:11: Bye Bye [preauth]", TimeSpan.Zero, host: "web-02"),
            Line("Received disconnect from 203.0.113.9 port 52144:11: Bye Bye [preauth]", TimeSpan.Zero, host: "web-02", app: "other"));

        Assert.Equal(clean[0].templateId, clean[1].templateId);
        Assert.All(clean, c => Assert.Equal("true", c.structuredData[MineLogTemplates.NewTemplateKey]));
        Assert.NotEqual(clean[0].templateId, clean[2].templateId);
    }

    [Fact]
    public void Mine_MalformedAvro_GoesToDeadLetterWithReasonAndTheNextLineStillFlows()
    {
        byte[] garbage = [0x7b, 0x22, 0x68, 0x6f, 0x73, 0x74];
        harness.Raw.PipeInput("web-01", garbage);
        var clean = harness.Mine(Line("session opened for user root by (uid=0)", TimeSpan.Zero));

        var dead = Assert.Single(harness.DeadLetter.ReadKeyValueList());
        Assert.Equal(TopicCatalogue.LogsRaw.Name, dead.Message.Key);
        Assert.Equal(garbage, dead.Message.Value);
        Assert.Equal(RejectReason.MalformedAvro, Header(dead.Message.Headers, DeadLetterHeaders.Reason));
        Assert.Equal(MineLogTemplates.StageName, Header(dead.Message.Headers, DeadLetterHeaders.Stage));
        Assert.Contains("Confluent Avro wire format", Header(dead.Message.Headers, DeadLetterHeaders.Detail), StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(clean).templateId);
    }

    [Fact]
    public void Mine_LineWithoutHost_GoesToDeadLetterAsMissingIdentity()
    {
        var line = Line("session closed for user root", TimeSpan.Zero, host: "");
        var bytes = harness.Bytes(line);

        harness.Raw.PipeInput("web-01", bytes);

        var dead = Assert.Single(harness.DeadLetter.ReadKeyValueList());
        Assert.Equal(bytes, dead.Message.Value);
        Assert.Equal(RejectReason.MissingIdentity, Header(dead.Message.Headers, DeadLetterHeaders.Reason));
        Assert.Empty(harness.Clean.ReadValueList());
    }

    [Fact]
    public void Mine_MoreTemplatesThanTheBound_ForgetsTheLeastRecentAndMinesItAgainUnderItsId()
    {
        using var bounded = new LogsHarness(new LogTemplateOptions { MaxTemplatesPerApp = 2, Stores = StateStoreKind.InMemory });
        var a = Line("pam_unix(sshd:session): session opened for user root", TimeSpan.Zero);
        var b = Line("Disconnected from user root 203.0.113.9 port 52144", TimeSpan.FromSeconds(1));
        var c = Line("error: kex_exchange_identification: Connection closed by remote host", TimeSpan.FromSeconds(3));

        var first = bounded.Mine(a, b, Line(a.message, TimeSpan.FromSeconds(2)), c, Line(b.message, TimeSpan.FromSeconds(4)));

        // b was matched least recently when c came, so c replaced it; b is new again, same id.
        Assert.Equal([true, true, false, true, true], first.Select(IsNew));
        Assert.Equal(first[1].templateId, first[4].templateId);
        var store = bounded.Driver.GetKeyValueStore<string, LogTemplate>(MineLogTemplates.TemplateStoreName);
        var kept = store.All().Select(e => e.Value.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { first[1].templateId, first[3].templateId }.Order(StringComparer.Ordinal), kept);
    }

    [Fact]
    public void Mine_ParsersRestoredFromTheChangelog_KnowTheirTemplatesAndKeepTheirIds()
    {
        // The SYNC driver deletes a persistent store's directory when it is disposed and gives a
        // new driver an empty cluster, so a restart is replayed by hand: the changelog this run
        // wrote, applied to a store as Streamiz' restore does, rebuilds the parsers the
        // transformer rebuilds from its store at its first record.
        var changelog = harness.Driver.CreateOutputTopic(
            "logs-test-" + MineLogTemplates.TemplateStoreName + "-changelog", TimeSpan.FromMilliseconds(50), new StringSerDes(), new LogTemplateSerDes());
        var before = harness.Mine(
            Line("Accepted publickey for deploy from 10.0.0.5 port 50122 ssh2", TimeSpan.Zero),
            Line("Accepted publickey for backup from 10.0.0.6 port 50124 ssh2", TimeSpan.FromSeconds(1)),
            Line("pam_unix(sshd:session): session opened for user deploy(uid=1001) by (uid=0)", TimeSpan.FromSeconds(2)));
        var store = new Dictionary<string, LogTemplate>(StringComparer.Ordinal);
        foreach (var change in changelog.ReadKeyValueList())
        {
            store[change.Message.Key] = change.Message.Value;
        }

        var restarted = new TemplateMiner(new LogTemplateOptions());
        restarted.Restore(store);
        var again = restarted.Add("web-01", "sshd", "Accepted publickey for monitor from 10.0.0.9 port 40100 ssh2", 5_000);

        Assert.Equal(2, store.Count);
        Assert.False(again.IsNew);
        Assert.Equal(before[0].templateId, again.Template.Id);
        Assert.Equal("Accepted publickey for <*> from <*> port <*> ssh2", again.Template.Text);
        Assert.Equal(3, again.Template.Count);
        Assert.True(restarted.Add("web-02", "sshd", "Accepted publickey for monitor from 10.0.0.9 port 40100 ssh2", 5_000).IsNew);
    }

    private static bool IsNew(LogRecord log) => log.structuredData.ContainsKey(MineLogTemplates.NewTemplateKey);

    private static string Header(Confluent.Kafka.Headers headers, string key) => Encoding.UTF8.GetString(headers.GetLastBytes(key));
}
