using System.Xml.Linq;
using Streams.Collectors.Nagios.Nrdp;

namespace Streams.Collectors.Nagios.Tests;

/// <summary>Inputs tests/fuzz found escaping NRDP's bad-input path (a 400 answer and a dead letter).</summary>
public sealed class NrdpBadInputTests
{
    [Fact]
    public void ParseJson_TimePastYear9999_FormatException()
    {
        const string json = """{"checkresults":[{"hostname":"h","state":"0","output":"OK","time":"253402300800"}]}""";

        var error = Assert.Throws<FormatException>(() => NrdpRequest.ParseJson(json, DateTime.UtcNow));

        Assert.Contains("past year 9999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseXml_LastSecondOfYear9999_Accepted()
    {
        const string xml = "<checkresults><checkresult><hostname>h</hostname><state>0</state><time>253402300799</time></checkresult></checkresults>";

        var result = Assert.Single(NrdpRequest.ParseXml(xml, DateTime.UtcNow));

        Assert.Equal(new DateTime(9999, 12, 31, 23, 59, 59, DateTimeKind.Utc), result.Timestamp);
    }

    [Fact]
    public void Render_XmlAnswerQuotingAControlCharacter_ReplacedSoTheAnswerIsXml()
    {
        var response = NrdpResponse.Error(400, "BAD JSON: check result 0 (h) has state '\f', not 0 to 3");

        var (_, body) = response.Render(json: false);

        Assert.Equal("BAD JSON: check result 0 (h) has state '\uFFFD', not 0 to 3", XDocument.Parse(body).Root!.Element("message")!.Value);
    }
}
