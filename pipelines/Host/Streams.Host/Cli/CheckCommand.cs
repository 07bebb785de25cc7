using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Streams.Collectors.Nagios.Checks;
using Streams.Platform.ClickHouse;

namespace Streams.Host.Cli;

/// <summary>
/// <c>streams check</c>: a Nagios plugin (also for Icinga and Zabbix external checks) reporting a
/// host's anomaly state from ClickHouse as one status line with perfdata and the plugin exit
/// codes 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(Func<string[], IConfiguration> configuration)
    {
        var host = new Option<string>("--host", "-H") { Description = "The host to check.", Required = true };
        var warning = new Option<int>("--warning", "-w") { Description = "Anomalies in the window that make it WARNING.", DefaultValueFactory = _ => 1 };
        var critical = new Option<int>("--critical", "-c") { Description = "Anomalies in the window that make it CRITICAL.", DefaultValueFactory = _ => 5 };
        var warningScore = new Option<double?>("--warning-score") { Description = "A top score at or above this is WARNING." };
        var criticalScore = new Option<double?>("--critical-score") { Description = "A top score at or above this is CRITICAL." };
        var minutes = new Option<int>("--minutes") { Description = "The window, up to now.", DefaultValueFactory = _ => 15 };
        var timeout = new Option<int>("--timeout", "-t") { Description = "Seconds ClickHouse may take before the answer is UNKNOWN.", DefaultValueFactory = _ => 10 };
        var command = new Command("check", "Nagios plugin: a host's anomaly state (exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; one line with perfdata).")
        {
            host, warning, critical, warningScore, criticalScore, minutes, timeout,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var settings = configuration([.. parse.UnmatchedTokens]);
            var options = settings.GetSection(ClickHouseOptions.SectionName).Get<ClickHouseOptions>() ?? new ClickHouseOptions();
            var check = new HostAnomalyCheck(options.ConnectionString(new Uri(options.Url ?? "http://127.0.0.1:8123")));
            var request = new HostCheckRequest(
                parse.GetRequiredValue(host), parse.GetValue(warning), parse.GetValue(critical), parse.GetValue(warningScore), parse.GetValue(criticalScore), parse.GetValue(minutes), parse.GetValue(timeout));
            var outcome = await check.RunAsync(request, ct).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(outcome.StatusLine).ConfigureAwait(false);
            return outcome.ExitCode;
        });
        return command;
    }

    /// <summary>
    /// A usage error of <c>check</c> as a plugin reports it: one UNKNOWN line, exit 3. System.CommandLine
    /// would exit 1, which Nagios reads as WARNING. Null for any other parse.
    /// </summary>
    public static int? UsageError(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.Errors.Count == 0 || parse.CommandResult.Command.Name != "check")
        {
            return null;
        }

        Console.Out.WriteLine("STREAMS UNKNOWN - " + string.Join("; ", parse.Errors.Select(e => e.Message)));
        return NagiosCheckOutcome.Unknown;
    }
}
