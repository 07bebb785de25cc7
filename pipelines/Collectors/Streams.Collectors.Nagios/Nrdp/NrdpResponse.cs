using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Streams.Collectors.Nagios.Nrdp;

/// <summary>NRDP's answer: <c>&lt;result&gt;&lt;status&gt;0|-1&lt;/status&gt;&lt;message/&gt;&lt;meta&gt;&lt;output/&gt;&lt;/meta&gt;&lt;/result&gt;</c>, or the same as JSON when the request was JSONDATA.</summary>
internal sealed record NrdpResponse(int HttpStatus, int Status, string Message, string? Output)
{
    public static NrdpResponse Ok(int checks) => new(200, 0, "OK", $"{checks} checks processed.");

    public static NrdpResponse Error(int httpStatus, string message) => new(httpStatus, -1, message, null);

    public (string ContentType, string Body) Render(bool json)
    {
        if (json)
        {
            var result = new Dictionary<string, object> { ["status"] = Status, ["message"] = Message };
            if (Output is not null)
            {
                result["meta"] = new Dictionary<string, string> { ["output"] = Output };
            }

            return ("application/json", JsonSerializer.Serialize(new Dictionary<string, object> { ["result"] = result }));
        }

        var element = new XElement("result", new XElement("status", Status), new XElement("message", XmlSafe(Message)));
        if (Output is not null)
        {
            element.Add(new XElement("meta", new XElement("output", XmlSafe(Output))));
        }

        return ("application/xml", new XDocument(new XDeclaration("1.0", "utf-8", null), element).Declaration + "\n" + element);
    }

    /// <summary>The text with what XML 1.0 cannot carry (control characters, lone surrogates) as U+FFFD: error messages quote the request's bad text.</summary>
    private static string XmlSafe(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
