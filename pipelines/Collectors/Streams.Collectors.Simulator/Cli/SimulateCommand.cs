using System.CommandLine;
using Spectre.Console;
using Streams.Collectors.Simulator.Fleet;
using Streams.Collectors.Simulator.Incidents;
using Streams.Collectors.Simulator.Publishing;
using Streams.Collectors.Simulator.Simulation;

namespace Streams.Collectors.Simulator.Cli;

/// <summary>The <c>streams simulate</c> verb.</summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var servers = new Option<int>("--servers") { Description = $"Number of virtual servers, 1 to {FleetOptions.MaxServers:N0}.", DefaultValueFactory = _ => 100 };
        var seed = new Option<long>("--seed") { Description = "Seed: the same seed and options give the same samples, logs and labels.", DefaultValueFactory = _ => 1 };
        var duration = new Option<TimeSpan>("--duration") { Description = "Wall-clock length at the chosen speed-up (simulated span = duration × speedup; with --speedup 0 it is the simulated span).", DefaultValueFactory = _ => TimeSpan.FromSeconds(20), CustomParser = DurationParser.Parse };
        var speedup = new Option<double>("--speedup") { Description = "Simulated seconds per wall-clock second; 0 runs as fast as --rate allows.", DefaultValueFactory = _ => 1 };
        var interval = new Option<TimeSpan>("--interval") { Description = "Simulated collection interval of each server.", DefaultValueFactory = _ => TimeSpan.FromSeconds(10), CustomParser = DurationParser.Parse };
        var incidents = new Option<double>("--incidents") { Description = "Share of servers that suffer one incident during the run, 0 to 1.", DefaultValueFactory = _ => 0.05 };
        var kinds = new Option<string>("--kinds") { Description = "Incident kinds, comma-separated: fast (the default set), slow (failures that build up over hours to days, labelled with failureAt) or kind names.", DefaultValueFactory = _ => "fast" };
        var incidentsAfter = new Option<TimeSpan>("--incidents-after") { Description = "Simulated time before which no incident starts, so the models learn every host first (default: a tenth of the run).", DefaultValueFactory = _ => TimeSpan.Zero, CustomParser = DurationParser.Parse };
        var start = new Option<DateTimeOffset?>("--start") { Description = "Simulated time of the first sample (ISO 8601); default: now, or as far back as a run faster than real time needs for its last sample to be sent when it is due (samples from the future are dead-lettered)." };
        var publishing = new PublishingCommandOptions("simulate-labels.jsonl");

        var command = new Command("simulate", "Put a virtual fleet with injected incidents on metrics.raw and logs.raw; ground-truth labels go to the labels topic and a file.")
        {
            servers, seed, duration, speedup, interval, incidents, incidentsAfter, kinds, start,
        };
        publishing.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            FleetOptions fleet;
            PublisherOptions publisher;
            try
            {
                var every = parse.GetValue(interval);
                var pace = parse.GetValue(speedup);
                ArgumentOutOfRangeException.ThrowIfNegative(pace, "--speedup");
                publisher = publishing.Publisher(parse);
                var wall = pace > 0 ? parse.GetValue(duration) : TimeSpan.Zero;
                var span = pace > 0 ? wall * pace : parse.GetValue(duration);

                fleet = new FleetOptions
                {
                    Servers = parse.GetValue(servers),
                    Seed = parse.GetValue(seed),
                    Interval = every,
                    Ticks = every > TimeSpan.Zero ? (int)Math.Clamp(span / every, 1, int.MaxValue) : 0,
                    IncidentFraction = parse.GetValue(incidents),
                    IncidentsAfter = parse.GetValue(incidentsAfter),
                    Kinds = IncidentKinds.Parse(parse.GetRequiredValue(kinds)),
                    Start = parse.GetValue(start) ?? SimulatedStart.Default(DateTimeOffset.UtcNow, span, wall, every),
                };
                fleet.Validate();
            }
            catch (ArgumentException ex)
            {
                console.MarkupLineInterpolated($"[red]{ex.Message}[/]");
                return 2;
            }

            return await PublishingVerb.RunAsync(
                console,
                "simulate",
                publisher,
                parse.GetRequiredValue(publishing.LabelsFile),
                (sink, labels, backpressure) => new SimulationRunner(new FleetGenerator(fleet), sink, new Pacer(parse.GetValue(speedup), parse.GetValue(publishing.Rate), backpressure: backpressure), labels),
                ct);
        });
        return command;
    }
}
