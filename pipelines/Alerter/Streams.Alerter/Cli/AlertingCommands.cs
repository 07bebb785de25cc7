using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Streams.Alerting.Lifecycle;
using Streams.Alerting.Rules;
using Streams.Alerting.Silences;

namespace Streams.Alerter.Cli;

/// <summary>
/// <c>streams rules</c>, <c>streams silence</c> and <c>streams ack</c>: an admin's alerting
/// configuration from the shell, validated before it is written to alert-rules, where every
/// running alerting instance picks it up within a second.
/// </summary>
public static class AlertingCommands
{
    /// <param name="configuration">Builds the configuration (Kafka:BootstrapServers) from the tokens a verb does not know.</param>
    public static IEnumerable<Command> Create(Func<string[], IConfiguration> configuration) => Create(configuration, AnsiConsole.Console);

    internal static IEnumerable<Command> Create(Func<string[], IConfiguration> configuration, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(console);
        yield return Rules(configuration, console);
        yield return Silences(configuration, console);
        yield return Ack(configuration, console);
    }

    private static Command Rules(Func<string[], IConfiguration> configuration, IAnsiConsole console)
    {
        var list = Verb("list", "List the alert rules.", configuration, console, (session, _, _) =>
        {
            var table = new Table().AddColumns("id", "name", "kind", "severity", "for", "version", "enabled");
            foreach (var rule in session.View.Rules.All.OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                table.AddRow(rule.Id, rule.Name, rule.Kind.ToString(), rule.Severity.ToString(), DurationText.Format(rule.For), rule.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), rule.Enabled ? "yes" : "no");
            }

            console.Write(table);
            return Task.FromResult(0);
        });

        var file = new Argument<FileInfo>("file") { Description = "A JSON file holding one rule or an array of rules." };
        var apply = Verb("apply", "Validate and store rules from a JSON file (a rule's version goes up when it changes).", configuration, console, async (session, parse, ct) =>
        {
            var path = parse.GetRequiredValue(file);
            var text = await File.ReadAllTextAsync(path.FullName, ct).ConfigureAwait(false);
            var documents = JsonDocument.Parse(text).RootElement is { ValueKind: JsonValueKind.Array } array
                ? array.EnumerateArray().Select(e => e.GetRawText()).ToList()
                : [text];
            var exit = 0;
            foreach (var (json, index) in documents.Select((j, i) => (j, i)))
            {
                var rule = RuleJson.Parse(json, out var error);
                if (rule is null)
                {
                    console.MarkupLineInterpolated($"[red]rule {index}: {error}[/]");
                    exit = 2;
                    continue;
                }

                var stored = session.View.Rules.Find(rule.Id);
                var versioned = rule with { Version = stored is null ? 1 : stored.Version + (RuleJson.Serialize(stored with { Version = 0 }) == RuleJson.Serialize(rule with { Version = 0 }) ? 0 : 1) };
                var errors = await session.Writer.PutRuleAsync(versioned, ct).ConfigureAwait(false);
                foreach (var problem in errors)
                {
                    console.MarkupLineInterpolated($"[red]rule '{rule.Id}': {problem}[/]");
                }

                exit = errors.Count > 0 ? 2 : exit;
                if (errors.Count == 0)
                {
                    console.MarkupLineInterpolated($"rule '{rule.Id}' stored, version {versioned.Version}");
                }
            }

            return exit;
        }, file);

        var id = new Argument<string>("id") { Description = "The rule's id." };
        var delete = Verb("delete", "Delete a rule; its alerts resolve.", configuration, console, async (session, parse, ct) =>
        {
            var ruleId = parse.GetRequiredValue(id);
            if (session.View.Rules.Find(ruleId) is null)
            {
                console.MarkupLineInterpolated($"[red]no rule '{ruleId}'[/]");
                return 2;
            }

            await session.Writer.DeleteRuleAsync(ruleId, ct).ConfigureAwait(false);
            console.MarkupLineInterpolated($"rule '{ruleId}' deleted");
            return 0;
        }, id);

        return new Command("rules", "List, apply and delete alert rules.") { list, apply, delete };
    }

    private static Command Silences(Func<string[], IConfiguration> configuration, IAnsiConsole console)
    {
        var matchers = new Option<string[]>("--match") { Description = "A matcher, e.g. host=\"web-1\" or alertname=~\"Cpu.*\"; repeat for more (all must match).", Required = true, AllowMultipleArgumentsPerToken = true };
        var duration = new Option<string>("--duration") { Description = "How long from now, e.g. 2h (one-off silences).", DefaultValueFactory = _ => "1h" };
        var cron = new Option<string?>("--cron") { Description = "Recurring maintenance window: when each window opens, five cron fields, e.g. \"0 2 * * SUN\"; each lasts --duration." };
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone of --cron.", DefaultValueFactory = _ => "UTC" };
        var by = new Option<string>("--by") { Description = "Who creates it.", DefaultValueFactory = _ => Environment.UserName };
        var comment = new Option<string>("--comment") { Description = "Why.", DefaultValueFactory = _ => string.Empty };
        var add = Verb("add", "Silence the alerts the matchers select, now or on a schedule.", configuration, console, async (session, parse, ct) =>
        {
            if (!DurationText.TryParse(parse.GetRequiredValue(duration), out var length))
            {
                console.MarkupLineInterpolated($"[red]--duration: '{parse.GetRequiredValue(duration)}' is not a duration (e.g. 30m, 2h)[/]");
                return 2;
            }

            var now = DateTimeOffset.UtcNow;
            var recurring = parse.GetValue(cron);
            var silence = new Silence
            {
                Id = Guid.NewGuid().ToString("N")[..12],
                Matchers = parse.GetRequiredValue(matchers),
                StartsAt = now,
                EndsAt = recurring is null ? now + length : null,
                Recurrence = recurring is null ? null : new SilenceRecurrence { Cron = recurring, Duration = length, TimeZone = parse.GetRequiredValue(zone) },
                CreatedBy = parse.GetRequiredValue(by),
                Comment = parse.GetRequiredValue(comment),
            };
            var errors = await session.Writer.PutSilenceAsync(silence, ct).ConfigureAwait(false);
            foreach (var problem in errors)
            {
                console.MarkupLineInterpolated($"[red]{problem}[/]");
            }

            if (errors.Count == 0)
            {
                console.MarkupLineInterpolated($"silence {silence.Id} stored");
            }

            return errors.Count > 0 ? 2 : 0;
        }, matchers, duration, cron, zone, by, comment);

        var list = Verb("list", "List the silences.", configuration, console, (session, _, _) =>
        {
            var table = new Table().AddColumns("id", "matchers", "starts", "ends", "recurrence", "by", "comment", "active now");
            foreach (var silence in session.View.Silences.All.OrderBy(s => s.Silence.Id, StringComparer.Ordinal))
            {
                var s = silence.Silence;
                table.AddRow(
                    Markup.Escape(s.Id), Markup.Escape(string.Join(", ", s.Matchers)), s.StartsAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                    s.EndsAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                    s.Recurrence is { } r ? Markup.Escape($"{r.Cron} for {DurationText.Format(r.Duration)} ({r.TimeZone})") : "-",
                    Markup.Escape(s.CreatedBy), Markup.Escape(s.Comment), silence.IsActiveAt(DateTimeOffset.UtcNow) ? "yes" : "no");
            }

            console.Write(table);
            return Task.FromResult(0);
        });

        var id = new Argument<string>("id") { Description = "The silence's id." };
        var expire = Verb("expire", "End a silence now.", configuration, console, async (session, parse, ct) =>
        {
            await session.Writer.DeleteSilenceAsync(parse.GetRequiredValue(id), ct).ConfigureAwait(false);
            console.MarkupLineInterpolated($"silence {parse.GetRequiredValue(id)} expired");
            return 0;
        }, id);

        return new Command("silence", "Add, list and expire silences (one-off or recurring maintenance windows).") { add, list, expire };
    }

    private static Command Ack(Func<string[], IConfiguration> configuration, IAnsiConsole console)
    {
        var fingerprint = new Argument<string>("fingerprint") { Description = "The alert's fingerprint (its key on the alerts topic)." };
        var by = new Option<string>("--by") { Description = "Who takes it.", DefaultValueFactory = _ => Environment.UserName };
        var comment = new Option<string>("--comment") { Description = "A note for the others.", DefaultValueFactory = _ => string.Empty };
        return Verb("ack", "Acknowledge an alert: it stops escalating and shows who took it.", configuration, console, async (session, parse, ct) =>
        {
            var ack = new Acknowledgement { Fingerprint = parse.GetRequiredValue(fingerprint), By = parse.GetRequiredValue(by), At = DateTimeOffset.UtcNow, Comment = parse.GetRequiredValue(comment) };
            await session.Writer.AcknowledgeAsync(ack, ct).ConfigureAwait(false);
            console.MarkupLineInterpolated($"alert {ack.Fingerprint} acknowledged by {ack.By}");
            return 0;
        }, fingerprint, by, comment);
    }

    private static Command Verb(
        string name,
        string description,
        Func<string[], IConfiguration> configuration,
        IAnsiConsole console,
        Func<AlertConfigSession, ParseResult, CancellationToken, Task<int>> action,
        params Symbol[] symbols)
    {
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Add(option);
                    break;
                case Argument argument:
                    command.Add(argument);
                    break;
                default:
                    throw new ArgumentException($"unexpected symbol {symbol.Name}", nameof(symbols));
            }
        }

        command.SetAction(async (parse, ct) =>
        {
            try
            {
                using var session = AlertConfigSession.Open(configuration([.. parse.UnmatchedTokens]), ct);
                return await action(session, parse, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or JsonException or Confluent.Kafka.KafkaException)
            {
                console.MarkupLineInterpolated($"[red]streams {name}: {e.Message}[/]");
                return 1;
            }
        });
        return command;
    }
}
