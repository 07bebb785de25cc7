using System.CommandLine;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Streams.Host.Hosting;
using Streams.Schemas.Topics;

namespace Streams.Host.DeadLetters;

/// <summary><c>streams deadletter tail|counts</c>: what the stages rejected, read from the <c>deadletter</c> topic.</summary>
internal static class DeadLetterCommand
{
    public const int DefaultLast = 20;

    public static Command Create()
    {
        var command = new Command("deadletter", "Read the deadletter topic: the records stages rejected, with the reason.");
        command.Add(TailCommand());
        command.Add(CountsCommand());
        return command;
    }

    /// <summary>Prints the last <see cref="TailOptions.Last"/> dead letters, then with <see cref="TailOptions.Follow"/> each new one until cancelled.</summary>
    /// <returns>0; <see cref="StartupError.ExitCode"/> with one line on <paramref name="error"/> when Kafka or the topic cannot be read.</returns>
    public static int Tail(string bootstrapServers, string topic, TailOptions options, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var renderer = new DeadLetterRenderer(console, options.Json);
        return Read(bootstrapServers, topic, error, reader =>
        {
            var watermarks = reader.Watermarks();
            var last = reader.Last(watermarks, options.Last, options.Filter, cancellationToken);
            if (!options.Follow)
            {
                renderer.Table(last, topic, !options.Filter.IsEmpty);
                return;
            }

            renderer.Lines(last);
            reader.Follow(watermarks, options.Filter, renderer.Line, cancellationToken);
        });
    }

    /// <summary>Prints how many records of the topic each stage rejected for each reason.</summary>
    public static int Counts(string bootstrapServers, string topic, bool json, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken) =>
        Read(bootstrapServers, topic, error, reader => new DeadLetterRenderer(console, json).Counts(reader.Count(reader.Watermarks(), cancellationToken), topic));

    private static Command TailCommand()
    {
        var last = new Option<int>("--last", "-n") { Description = "How many of the latest dead letters to show, across partitions by timestamp.", DefaultValueFactory = _ => DefaultLast };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new dead letters until Ctrl-C." };
        var reason = new Option<string?>("--reason") { Description = "Only this reason code, e.g. non-finite-value." };
        var stage = new Option<string?>("--stage") { Description = "Only this stage, e.g. normalize-metrics or clickhouse-sink." };
        var json = new Option<bool>("--json") { Description = "One JSON object per line (with the value as base64) instead of a table." };
        var command = new Command("tail", "Show the latest dead letters: time, stage, reason, source topic/partition/offset, detail and a preview of the value.")
        {
            last, follow, reason, stage, json,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) =>
        {
            if (parse.GetValue(last) < 0)
            {
                return Task.FromResult(StartupError.Report(new ArgumentException("--last must not be negative.")));
            }

            var options = new TailOptions(parse.GetValue(last), parse.GetValue(follow), new DeadLetterFilter(parse.GetValue(reason), parse.GetValue(stage)), parse.GetValue(json));
            // Off the invoking thread: Consume blocks, and Ctrl-C must reach the token while it does.
            return Task.Run(() => Tail(BootstrapServers(parse), TopicCatalogue.DeadLetter.Name, options, AnsiConsole.Console, Console.Error, ct), CancellationToken.None);
        });
        return command;
    }

    private static Command CountsCommand()
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per stage and reason instead of a table." };
        var command = new Command("counts", "Scan the deadletter topic and count its records per stage and reason.") { json };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) =>
            Task.Run(() => Counts(BootstrapServers(parse), TopicCatalogue.DeadLetter.Name, parse.GetValue(json), AnsiConsole.Console, Console.Error, ct), CancellationToken.None));
        return command;
    }

    /// <summary>Kafka:BootstrapServers as every verb reads it, defaulting to the embedded platform on this machine.</summary>
    private static string BootstrapServers(ParseResult parse)
    {
        var configuration = new ConfigurationManager();
        configuration.SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true);
        configuration.AddStreamsSources([.. parse.UnmatchedTokens]);
        configuration.AddLocalPlatformDefaults();
        return configuration["Kafka:BootstrapServers"]!;
    }

    private static int Read(string bootstrapServers, string topic, TextWriter error, Action<DeadLetterReader> read)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            using var reader = new DeadLetterReader(bootstrapServers, topic);
            read(reader);
            return 0;
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C is how --follow ends.
            return 0;
        }
        catch (KafkaException ex)
        {
            error.WriteLine($"streams: cannot read {topic} from Kafka at {bootstrapServers}: {ex.Error.Reason}. Start the platform (streams up) or set --Kafka:BootstrapServers.");
            return StartupError.ExitCode;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            error.WriteLine("streams: " + StartupError.Describe(ex));
            return StartupError.ExitCode;
        }
    }
}
