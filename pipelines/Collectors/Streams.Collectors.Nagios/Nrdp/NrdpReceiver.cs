using System.Text;
using Microsoft.Extensions.Logging;
using Streams.Collectors.Nagios.Checks;
using Streams.Collectors.Publishing.Inbound;
using Streams.Platform.Security;

namespace Streams.Collectors.Nagios.Nrdp;

/// <summary>
/// Handles NRDP <c>submitcheck</c> posts: checks the token (always: see <see cref="NrdpTokens"/>), parses the results, publishes their
/// series (one batch per host and check time of the submission) and state-change events. A body that does not parse is refused whole with the reason
/// and dead-lettered; perfdata items that do not parse are dead-lettered one by one while the
/// rest of the result is kept.
/// </summary>
internal sealed partial class NrdpReceiver(NagiosOptions options, IReadOnlyList<string> tokens, IInboundSink sink, CheckStateTracker tracker, ILogger logger)
{
    public const string Source = "nagios.nrdp";
    public const string Stage = "nagios-nrdp";

    private readonly CheckResultMapper _mapper = new(options);

    public NrdpResponse Submit(string? token, string? command, string? xml, string? json)
    {
        if (!SecretComparer.Matches(token, tokens))
        {
            return NrdpResponse.Error(403, "BAD TOKEN");
        }

        if (!string.Equals(command, "submitcheck", StringComparison.Ordinal))
        {
            return NrdpResponse.Error(400, $"BAD COMMAND: '{command}'; this endpoint takes cmd=submitcheck");
        }

        if (string.IsNullOrWhiteSpace(xml) && string.IsNullOrWhiteSpace(json))
        {
            return NrdpResponse.Error(400, "NO DATA: post XMLDATA or JSONDATA");
        }

        List<CheckResult> results;
        var received = DateTime.UtcNow;
        try
        {
            results = string.IsNullOrWhiteSpace(json) ? NrdpRequest.ParseXml(xml!, received) : NrdpRequest.ParseJson(json, received);
        }
        catch (FormatException ex)
        {
            LogRefused(logger, ex.Message);
            sink.DeadLetter(new InboundDeadLetter(Source, Stage, InboundRejectReason.MalformedInput, ex.Message, Encoding.UTF8.GetBytes(json ?? xml!)));
            return NrdpResponse.Error(400, (string.IsNullOrWhiteSpace(json) ? "BAD XML: " : "BAD JSON: ") + ex.Message);
        }

        var errors = new List<string>();
        var batches = new MetricBatchBuilder();
        foreach (var result in results)
        {
            errors.Clear();
            foreach (var sample in _mapper.Map(result, errors))
            {
                batches.Add(sample);
            }

            foreach (var error in errors)
            {
                sink.DeadLetter(new InboundDeadLetter(
                    Source, Stage, InboundRejectReason.MalformedInput, $"{result.Host}/{result.Service ?? CheckResultMapper.HostCheckService} perfdata: {error}", Encoding.UTF8.GetBytes(result.Output)));
            }

            if (tracker.Observe(result) is { } change)
            {
                sink.Publish(change);
            }
        }

        batches.PublishTo(sink);
        return NrdpResponse.Ok(results.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "NRDP submission refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
