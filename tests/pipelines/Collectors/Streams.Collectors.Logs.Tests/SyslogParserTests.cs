using io.streams.avro;
using Streams.Collectors.Logs.Syslog;

namespace Streams.Collectors.Logs.Tests;

public sealed class SyslogParserTests
{
    private static readonly DateTime Received = new(2003, 10, 12, 0, 0, 0, DateTimeKind.Utc);
    private static readonly LineContext Network = new(Received, "relay", "", LogSource.SYSLOG_UDP, "192.0.2.9:514");

    private static LogRecord Parse(string line, bool requirePriority = true) => SyslogParser.Parse(line, Network, requirePriority);

    [Fact]
    public void Parse_Rfc5424Example1_ReadsHeaderAndStripsTheBom()
    {
        var record = Parse("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \uFEFF'su root' failed for lonvick on /dev/pts/8");

        Assert.False(record.parseError);
        Assert.Equal(4, record.facility);
        Assert.Equal(LogSeverity.CRITICAL, record.severity);
        Assert.Equal(new DateTime(2003, 10, 11, 22, 14, 15, 3, DateTimeKind.Utc), record.timestamp);
        Assert.Equal("mymachine.example.com", record.host);
        Assert.Equal("su", record.app);
        Assert.Null(record.procId);
        Assert.Equal("ID47", record.msgId);
        Assert.Empty(record.structuredData);
        Assert.Equal("'su root' failed for lonvick on /dev/pts/8", record.message);
    }

    [Fact]
    public void Parse_Rfc5424Example2_ConvertsTheOffsetToUtc()
    {
        var record = Parse("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.");

        Assert.Equal(20, record.facility);
        Assert.Equal(LogSeverity.NOTICE, record.severity);
        Assert.Equal(new DateTime(2003, 8, 24, 12, 14, 15, DateTimeKind.Utc).AddTicks(30), record.timestamp);
        Assert.Equal("192.0.2.1", record.host);
        Assert.Equal("8710", record.procId);
        Assert.Null(record.msgId);
        Assert.Equal("%% It's time to make the do-nuts.", record.message);
    }

    [Fact]
    public void Parse_Rfc5424Example3_FlattensStructuredData()
    {
        var record = Parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] \uFEFFAn application event log entry...");

        Assert.Equal("evntslog", record.app);
        Assert.Equal("3", record.structuredData["exampleSDID@32473.iut"]);
        Assert.Equal("Application", record.structuredData["exampleSDID@32473.eventSource"]);
        Assert.Equal("1011", record.structuredData["exampleSDID@32473.eventID"]);
        Assert.Equal("An application event log entry...", record.message);
    }

    [Fact]
    public void Parse_Rfc5424Example4_TwoElementsAndNoMessage()
    {
        var record = Parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"]");

        Assert.False(record.parseError);
        Assert.Equal("high", record.structuredData["examplePriority@32473.class"]);
        Assert.Equal(4, record.structuredData.Count);
        Assert.Equal("", record.message);
    }

    [Fact]
    public void Parse_Rfc5424EscapedParamValue_Unescapes()
    {
        var record = Parse("<14>1 - host app - - [a@1 v=\"say \\\"hi\\\" \\] \\\\ end\"] m");

        Assert.Equal("say \"hi\" ] \\ end", record.structuredData["a@1.v"]);
        Assert.Equal(Received, record.timestamp);
    }

    [Fact]
    public void Parse_Rfc3164Example1_ReadsTagAndInfersTheYear()
    {
        var record = Parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8");

        Assert.False(record.parseError);
        Assert.Equal(LogSeverity.CRITICAL, record.severity);
        Assert.Equal(4, record.facility);
        Assert.Equal(new DateTime(2003, 10, 11, 22, 14, 15, DateTimeKind.Utc), record.timestamp);
        Assert.Equal("mymachine", record.host);
        Assert.Equal("su", record.app);
        Assert.Equal("'su root' failed for lonvick on /dev/pts/8", record.message);
    }

    [Fact]
    public void Parse_Rfc3164Example2_SpacePaddedDayAndNoTag()
    {
        var record = Parse("<13>Feb  5 17:32:18 10.0.0.99 Use the BFG!");

        Assert.False(record.parseError);
        Assert.Equal(LogSeverity.NOTICE, record.severity);
        Assert.Equal(new DateTime(2003, 2, 5, 17, 32, 18, DateTimeKind.Utc), record.timestamp);
        Assert.Equal("10.0.0.99", record.host);
        Assert.Equal("", record.app);
        Assert.Equal("Use the BFG!", record.message);
    }

    [Fact]
    public void Parse_Rfc3164WithPid_ReadsProcId()
    {
        var record = Parse("<30>Oct 11 22:14:15 web-1 sshd[4711]: Accepted publickey for ops");

        Assert.Equal("sshd", record.app);
        Assert.Equal("4711", record.procId);
        Assert.Equal(LogSeverity.INFO, record.severity);
        Assert.Equal(3, record.facility);
        Assert.Equal("Accepted publickey for ops", record.message);
    }

    [Fact]
    public void Parse_Rfc3164DecemberLineReceivedInJanuary_TakesThePreviousYear()
    {
        var january = Network with { ReceivedAt = new DateTime(2004, 1, 1, 0, 5, 0, DateTimeKind.Utc) };
        var record = SyslogParser.Parse("<13>Dec 31 23:59:58 h app: late", january, requirePriority: true);

        Assert.Equal(new DateTime(2003, 12, 31, 23, 59, 58, DateTimeKind.Utc), record.timestamp);
    }

    [Fact]
    public void Parse_FileLineWithoutPriority_ParsesWhenPriorityIsOptional()
    {
        var record = Parse("Oct 11 22:14:15 web-1 cron[12]: job done", requirePriority: false);

        Assert.False(record.parseError);
        Assert.Equal("cron", record.app);
        Assert.Equal(LogSeverity.UNKNOWN, record.severity);
        Assert.Null(record.facility);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello world")]
    [InlineData("<999>Oct 11 22:14:15 h a: m")]
    [InlineData("<34")]
    [InlineData("<>1 2003-10-11T22:14:15Z h a - - - m")]
    [InlineData("<34>1 not-a-date host app - - - m")]
    [InlineData("<34>1 2003-10-11T22:14:15Z host app - - [broken m")]
    [InlineData("<34>Foo 11 22:14:15 h a: m")]
    [InlineData("<34>Oct 11 25:99:15 h a: m")]
    [InlineData("\u0001\u0002\u00ff\ufffd")]
    public void Parse_Garbage_ShipsTheWholeLineFlaggedNeverThrows(string line)
    {
        var record = Parse(line);

        Assert.True(record.parseError);
        Assert.Equal(line, record.rawLine);
        Assert.Equal(line.TrimEnd('\r', '\n', '\0'), record.message);
        Assert.Equal("relay", record.host);
        Assert.Equal(Received, record.timestamp);
        Assert.Equal(LogSource.SYSLOG_UDP, record.source);
    }
}
