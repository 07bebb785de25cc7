using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Streams.Collectors.Nagios.Checks;

namespace Streams.Collectors.Nagios.Nrdp;

/// <summary>
/// The check results of an NRDP <c>submitcheck</c> (NRDP's server/plugins/nagioscorecmd and
/// send_nrdp): <c>XMLDATA</c> is
/// <c>&lt;checkresults&gt;&lt;checkresult type="host|service"&gt;&lt;hostname/&gt;&lt;servicename/&gt;&lt;state/&gt;&lt;output/&gt;&lt;/checkresult&gt;…</c>,
/// <c>JSONDATA</c> is <c>{"checkresults":[{"checkresult":{"type":"service"},"hostname","servicename","state","output"}]}</c>.
/// </summary>
internal static class NrdpRequest
{
    // Whole ticks: a double of seconds rounds up past DateTime.MaxValue.
    private static readonly long MaxUnixSeconds = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;

    /// <exception cref="FormatException">Not XML/JSON of that shape, or a result without hostname or a state 0 to 3.</exception>
    public static List<CheckResult> ParseXml(string xml, DateTime received)
    {
        XDocument document;
        try
        {
            // No DTDs: the XML comes from the network (XXE).
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new FormatException("XMLDATA is not XML: " + ex.Message, ex);
        }

        if (document.Root?.Name.LocalName != "checkresults")
        {
            throw new FormatException("XMLDATA's root element must be <checkresults>");
        }

        return [.. document.Root.Elements("checkresult").Select((e, i) => Result(
            i,
            (string?)e.Attribute("type"),
            (string?)e.Element("hostname"),
            (string?)e.Element("servicename"),
            (string?)e.Element("state"),
            (string?)e.Element("output"),
            (string?)e.Element("time"),
            received))];
    }

    /// <exception cref="FormatException">See <see cref="ParseXml"/>.</exception>
    public static List<CheckResult> ParseJson(string json, DateTime received)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("checkresults", out var results) || results.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("JSONDATA must be an object with a \"checkresults\" array");
            }

            var parsed = new List<CheckResult>();
            var index = 0;
            foreach (var result in results.EnumerateArray())
            {
                if (result.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException($"check result {index} is not an object");
                }

                var type = result.TryGetProperty("checkresult", out var meta) && meta.ValueKind == JsonValueKind.Object ? Text(meta, "type") : Text(result, "type");
                parsed.Add(Result(index++, type, Text(result, "hostname"), Text(result, "servicename"), Text(result, "state"), Text(result, "output"), Text(result, "time"), received));
            }

            return parsed;
        }
        catch (JsonException ex)
        {
            throw new FormatException("JSONDATA is not JSON: " + ex.Message, ex);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
        : null;

    private static CheckResult Result(int index, string? type, string? host, string? service, string? state, string? output, string? time, DateTime received)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new FormatException($"check result {index} has no hostname");
        }

        if (!int.TryParse(state, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code > 3)
        {
            throw new FormatException($"check result {index} ({host}) has state '{state}', not 0 to 3");
        }

        var hostCheck = string.Equals(type, "host", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(service);
        var timestamp = received;
        if (long.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            timestamp = seconds <= MaxUnixSeconds
                ? DateTime.UnixEpoch.AddSeconds(seconds)
                : throw new FormatException($"check result {index} ({host}) has time {seconds}, past year 9999");
        }

        return new CheckResult(host.Trim(), hostCheck ? null : service!.Trim(), code, output ?? "", timestamp);
    }
}
