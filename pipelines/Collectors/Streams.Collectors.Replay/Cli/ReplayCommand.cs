using System.CommandLine;
using Spectre.Console;
using Streams.Collectors.Simulator.Cli;
using Streams.Collectors.Simulator.Publishing;

namespace Streams.Collectors.Replay.Cli;

/// <summary>The <c>streams replay</c> verb.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var dataset = new Option<ReplayDataset>("--dataset") { Description = "Dataset to replay: smd or nab.", Required = true };
        var files = new Option<string[]>("--files") { Description = "File names or patterns (* and ?), e.g. machine-1-2 or 'ec2_cpu*'; default: every file of the dataset.", AllowMultipleArgumentsPerToken = true };
        var speedup = new Option<double>("--speedup") { Description = "Dataset seconds per wall-clock second (600: one SMD minute every 0.1 s); 0 replays as fast as --rate allows.", DefaultValueFactory = _ => 600 };
        var data = new Option<string>("--data") { Description = "The datasets folder (holding smd/ and nab/).", DefaultValueFactory = _ => ReplaySource.DefaultDataDirectory() };
        var part = new Option<string>("--part") { Description = "SMD: test (labelled) or train.", DefaultValueFactory = _ => "test" };
        var limit = new Option<int>("--limit") { Description = "At most this many rows per file; 0 for all.", DefaultValueFactory = _ => 0 };
        var keepTimestamps = new Option<bool>("--keep-timestamps") { Description = "NAB: keep the files' own 2013–2015 timestamps instead of starting now." };
        var publishing = new PublishingCommandOptions("replay-labels.jsonl");
        var command = new Command("replay", "Stream SMD or NAB files into metrics.raw at a chosen speed-up, with their labels on the labels topic and a file.")
        {
            dataset, files, speedup, data, part, limit, keepTimestamps,
        };
        publishing.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            if (parse.GetValue(speedup) < 0 || parse.GetValue(limit) < 0)
            {
                console.MarkupLine("[red]--speedup and --limit must not be negative.[/]");
                return 2;
            }

            var options = new ReplayOptions
            {
                Dataset = parse.GetValue(dataset),
                DataDirectory = parse.GetRequiredValue(data),
                Files = parse.GetValue(files) ?? [],
                SmdPart = parse.GetRequiredValue(part),
                Limit = parse.GetValue(limit),
                KeepTimestamps = parse.GetValue(keepTimestamps),
                Start = new DateTimeOffset(DateTimeOffset.UtcNow.UtcTicks - (DateTimeOffset.UtcNow.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero),
            };
            try
            {
                return await PublishingVerb.RunAsync(
                    console,
                    "replay",
                    publishing.Publisher(parse),
                    parse.GetRequiredValue(publishing.LabelsFile),
                    (sink, labels, backpressure) => new ReplayRunner(options, sink, new Pacer(parse.GetValue(speedup), parse.GetValue(publishing.Rate), backpressure: backpressure), labels),
                    ct);
            }
            catch (Exception ex) when (ex is DirectoryNotFoundException or ArgumentException or InvalidDataException)
            {
                console.MarkupLineInterpolated($"[red]{ex.Message}[/]");
                return 2;
            }
        });
        return command;
    }
}
