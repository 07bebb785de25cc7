using Streams.Topology.Logs.Templates;

namespace Streams.Topology.Tests.Logs;

public sealed class DrainParserTests
{
    private static DrainParser Parser(string app = "sshd", LogTemplateOptions? options = null) => new(app, options ?? new LogTemplateOptions());

    private static List<TemplateMatch> AddAll(DrainParser parser, params string[] lines) =>
        [.. lines.Select((line, i) => parser.Add(line, i * 1_000L))];

    [Theory]
    [InlineData("from 203.0.113.9 port 52144", "from <*> port <*>")]
    [InlineData("peer 10.0.0.3:51514 closed", "peer <*> closed")]
    [InlineData("request 3fa85f64-5717-4562-b3fc-2c963f66afa6 done", "request <*> done")]
    [InlineData("fault at 0x7ffd4c2a1e30 in libc.so.6", "fault at <*> in libc.so.<*>")]
    [InlineData("image sha 9f86d081884c7d65 pulled", "image sha <*> pulled")]
    [InlineData("link fe80:0:0:0:1ff:fe23:4567:890a up at 09:30:00", "link <*> up at <*>")]
    [InlineData("took 12.5 ms, 3 retries", "took <*> ms, <*> retries")]
    [InlineData("ssh2 on eth0 via v1 for deadline", "ssh2 on eth0 via v1 for deadline")]
    public void Tokens_CommonVariables_AreMaskedAndWordsWithDigitsKept(string message, string masked)
    {
        Assert.Equal(masked, string.Join(' ', VariableMasker.Tokens(message, 64)));
    }

    [Fact]
    public void Tokens_LongerThanTheBound_TheRestIsOneVariable()
    {
        Assert.Equal(["a", "b", "<*>"], VariableMasker.Tokens("a b c d e", 3));
    }

    private const string FailedPassword = "Failed password for invalid user <*> from <*> port <*> ssh2";
    private const string UsbDevice = "usb <*>-<*>: new high-speed USB device number <*> using ehci-pci";
    private const string OomKill = "Out of memory: Killed process <*> <*> <*> <*> <*> shmem-rss:0kB, UID:<*> <*> oom_score_adj:<*>";
    private const string NginxAccess = "<*> - - [<*>/Nov/<*> +<*>] <*> <*> HTTP/<*>\" <*> <*> \"-\" \"curl/<*>\"";
    private const string NginxUpstream =
        "<*>/<*>/<*> <*> [error] <*>#<*>: *<*> connect() failed (<*>: Connection refused) while connecting to upstream, client: <*>, server: example.org, request: \"GET /api HTTP/<*>\", upstream: \"http://<*>/api\", host: \"example.org\"";

    /// <summary>Real-looking syslog lines and, per line, the template it ends up in once all are parsed.</summary>
    public static TheoryData<string, string[], string[]> SyslogSamples => new()
    {
        {
            "sshd",
            [
                "Failed password for invalid user admin from 203.0.113.9 port 52144 ssh2",
                "Accepted publickey for deploy from 10.0.0.5 port 50122 ssh2: ED25519 SHA256:Qm9vdHN0cmFwIGtleQ",
                "Failed password for invalid user oracle from 198.51.100.23 port 40022 ssh2",
                "Received disconnect from 203.0.113.9 port 52144:11: Bye Bye [preauth]",
                "pam_unix(sshd:session): session opened for user deploy(uid=1001) by (uid=0)",
                "pam_unix(sshd:session): session closed for user deploy",
                "Failed password for invalid user test from 192.0.2.200 port 61001 ssh2",
            ],
            [
                FailedPassword,
                "Accepted publickey for deploy from <*> port <*> ssh2: ED25519 SHA256:Qm9vdHN0cmFwIGtleQ",
                FailedPassword,
                "Received disconnect from <*> port <*>:<*>: Bye Bye [preauth]",
                "pam_unix(sshd:session): session opened for user deploy(uid=<*>) by (uid=<*>)",
                "pam_unix(sshd:session): session closed for user deploy",
                FailedPassword,
            ]
        },
        {
            "kernel",
            [
                "usb 1-1: new high-speed USB device number 3 using ehci-pci",
                "Out of memory: Killed process 4321 (java) total-vm:8123456kB, anon-rss:2048000kB, file-rss:0kB, shmem-rss:0kB, UID:1001 pgtables:5000kB oom_score_adj:0",
                "usb 2-1: new high-speed USB device number 7 using ehci-pci",
                "Out of memory: Killed process 977 (python3) total-vm:1023456kB, anon-rss:512000kB, file-rss:4kB, shmem-rss:0kB, UID:1002 pgtables:1200kB oom_score_adj:0",
            ],
            [UsbDevice, OomKill, UsbDevice, OomKill]
        },
        {
            "nginx",
            [
                "192.0.2.10 - - [25/Nov/2026:09:30:00 +0000] \"GET /api/v1/users/42 HTTP/1.1\" 200 512 \"-\" \"curl/8.5.0\"",
                "198.51.100.7 - - [25/Nov/2026:09:30:01 +0000] \"GET /api/v1/orders HTTP/1.1\" 404 153 \"-\" \"curl/8.5.0\"",
                "2026/11/25 09:30:03 [error] 1234#1234: *56 connect() failed (111: Connection refused) while connecting to upstream, client: 192.0.2.10, server: example.org, request: \"GET /api HTTP/1.1\", upstream: \"http://127.0.0.1:8080/api\", host: \"example.org\"",
                "203.0.113.99 - - [25/Nov/2026:09:30:02 +0000] \"POST /api/v1/orders HTTP/1.1\" 201 87 \"-\" \"curl/8.5.0\"",
            ],
            [NginxAccess, NginxAccess, NginxUpstream, NginxAccess]
        },
    };

    [Theory]
    [MemberData(nameof(SyslogSamples))]
    public void Add_RealSyslogLines_ClusterByKindWithVariablesMasked(string app, string[] lines, string[] templates)
    {
        var parser = Parser(app);

        var matches = AddAll(parser, lines);

        Assert.Equal(templates, matches.Select(m => m.Template.Text));
        Assert.Equal(templates.Distinct().Count(), parser.Templates.Count);
        Assert.Equal(templates.Select((t, i) => Array.IndexOf(templates, t) == i), matches.Select(m => m.IsNew));
        Assert.All(matches, m => Assert.Same(parser.Templates.Single(t => t.Text == m.Template.Text), m.Template));
    }

    [Fact]
    public void Add_TemplateGeneralises_KeepsTheIdOfItsFirstLine()
    {
        var parser = Parser();
        var first = parser.Add("Disconnected from user root 203.0.113.9 port 52144", 0);

        var later = parser.Add("Disconnected from user deploy 198.51.100.2 port 40000", 1_000);

        Assert.Same(first.Template, later.Template);
        Assert.Equal("Disconnected from user <*> <*> port <*>", later.Template.Text);
        Assert.Equal(TemplateId.Of("sshd", "Disconnected from user root <*> port <*>"), later.Template.Id);
    }

    [Fact]
    public void Add_SameFirstLineInAnotherParser_GetsTheSameIdButAnotherAppDoesNot()
    {
        const string Line = "Server listening on 0.0.0.0 port 22.";

        var one = Parser().Add(Line, 0).Template.Id;
        var other = Parser().Add(Line, 99).Template.Id;
        var otherApp = Parser("sshd-alt").Add(Line, 0).Template.Id;

        Assert.Equal(one, other);
        Assert.Matches("^[0-9a-f]{16}$", one);
        Assert.NotEqual(one, otherApp);
    }

    [Fact]
    public void Add_LineThatATemplateOutgrew_GetsThatTemplateBackNotASecondWithItsId()
    {
        // Masked lines turned three of the four words into variables, so the first line now shares
        // only one token with its own template; its id must still lead back to that template.
        var parser = Parser(options: new LogTemplateOptions { SimilarityThreshold = 0.5, Depth = 3 });
        var first = parser.Add("alpha beta gamma delta", 0);
        parser.Add("alpha beta 1 2", 1);
        parser.Add("alpha zeta 3 4", 2);

        var again = parser.Add("alpha beta gamma delta", 3);

        Assert.False(again.IsNew);
        Assert.Same(first.Template, again.Template);
        Assert.Equal("alpha <*> <*> <*>", again.Template.Text);
        Assert.Single(parser.Templates);
    }

    [Fact]
    public void Add_FirstTokenVariesBeyondMaxChildren_LaterLinesShareTheWildcardBranch()
    {
        var parser = Parser("app", new LogTemplateOptions { MaxChildren = 2 });

        var matches = AddAll(parser, "alice logged in", "bob logged in", "carol logged in", "dave logged in", "erin logged in");

        Assert.Equal(3, parser.Templates.Count);
        Assert.Equal(matches[2].Template.Id, matches[4].Template.Id);
        Assert.Equal("<*> logged in", matches[4].Template.Text);
        Assert.Equal(["<*>", "logged"], matches[4].Template.Path);
    }

    [Fact]
    public void Add_BeyondTheBound_EvictsTheLeastRecentlySeenTemplate()
    {
        var parser = Parser(options: new LogTemplateOptions { MaxTemplatesPerApp = 2 });
        var a = parser.Add("session opened for user root", 1_000).Template;
        var b = parser.Add("Invalid user admin from 203.0.113.9 port 52144", 2_000).Template;
        parser.Add("session opened for user deploy", 3_000);

        var c = parser.Add("error: maximum authentication attempts exceeded for root", 4_000);

        Assert.Same(b, c.Evicted);
        Assert.Equal(new[] { a.Id, c.Template.Id }.Order(StringComparer.Ordinal), parser.Templates.Select(t => t.Id).Order(StringComparer.Ordinal));
        var back = parser.Add("Invalid user guest from 198.51.100.1 port 40000", 5_000);
        Assert.True(back.IsNew);
        Assert.Equal(b.Id, TemplateId.Of("sshd", "Invalid user admin from <*> port <*>"));
        Assert.Same(a, back.Evicted);
    }

    [Fact]
    public void Add_EvictedTemplate_ItsEmptyBranchIsPrunedAndNoLongerCountsAsAChild()
    {
        var parser = Parser("app", new LogTemplateOptions { MaxChildren = 2, MaxTemplatesPerApp = 2 });
        AddAll(parser, "alice logged in", "bob logged in");

        var carol = parser.Add("carol logged in", 5_000);

        Assert.Equal("alice logged in", carol.Evicted?.Text);
        Assert.Equal(["carol", "logged"], carol.Template.Path);
    }

    [Fact]
    public void Restore_FromSerializedTemplates_MatchesAsBefore()
    {
        var serdes = new LogTemplateSerDes();
        var parser = Parser(options: new LogTemplateOptions { MaxTemplatesPerApp = 3 });
        AddAll(parser, "session opened for user root", "Invalid user admin from 203.0.113.9 port 52144", "session opened for user deploy");
        var saved = parser.Templates.Select(t => serdes.Deserialize(serdes.Serialize(t, default), default)).ToList();

        Assert.Equal(saved.Select(t => (t.Id, t.Text, t.Count, t.LastSeen)).Order(), parser.Templates.Select(t => (t.Id, t.Text, t.Count, t.LastSeen)).Order());
        var restored = Parser(options: new LogTemplateOptions { MaxTemplatesPerApp = 3 });
        foreach (var template in saved)
        {
            restored.Restore(template);
        }

        var match = restored.Add("session opened for user backup", 10_000);
        Assert.False(match.IsNew);
        Assert.Equal("session opened for user <*>", match.Template.Text);
        Assert.Equal(3, match.Template.Count);
        Assert.Equal(["session", "opened"], match.Template.Path);
    }
}
