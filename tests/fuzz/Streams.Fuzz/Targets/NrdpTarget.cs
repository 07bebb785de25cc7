using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Collectors.Nagios;
using Streams.Collectors.Nagios.Checks;
using Streams.Collectors.Nagios.Nrdp;
using Streams.Fuzz.Harness;

namespace Streams.Fuzz.Targets;

/// <summary>
/// An NRDP <c>submitcheck</c> body through <see cref="NrdpReceiver.Submit"/>, as XMLDATA and as
/// JSONDATA: parsing, perfdata, mapping, state tracking and the rendered answer. The receiver
/// answers bad input with a 4xx <see cref="NrdpResponse"/> and a dead letter, so nothing may escape.
/// </summary>
internal sealed class NrdpTarget : IFuzzTarget
{
    // Requests carry the receiver's token, so the input reaches the parser behind the token check.
    private const string Token = "fuzz-token";

    private readonly NrdpReceiver _receiver;

    public NrdpTarget()
    {
        var options = new NagiosOptions();
        _receiver = new NrdpReceiver(options, [Token], new SerializingSink(), new CheckStateTracker(), NullLogger.Instance);
    }

    public string Name => "nagios-nrdp";

    public IReadOnlyList<byte[]> Dictionary { get; } = TextTarget.Tokens(
        "<checkresults>", "</checkresults>", "<checkresult type=\"service\">", "<checkresult type=\"host\">", "</checkresult>", "<hostname>", "</hostname>",
        "<servicename>", "</servicename>", "<state>", "</state>", "<output>", "</output>", "<time>", "</time>", "<![CDATA[", "]]>", "&amp;", "&#0;", "<!DOCTYPE x>",
        "{\"checkresults\":[", "{\"checkresult\":{\"type\":\"service\"},", "\"hostname\":", "\"servicename\":", "\"state\":", "\"output\":", "\"time\":",
        "|", "'a b'=1;2;3;0;100", "=", ";", "%", "KB", "U", "'", "''", "1e308", "9999999999999", "\\n");

    public void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        _receiver.Submit(Token, "submitcheck", text, null).Render(json: false);
        _receiver.Submit(Token, "submitcheck", null, text).Render(json: true);
    }
}
