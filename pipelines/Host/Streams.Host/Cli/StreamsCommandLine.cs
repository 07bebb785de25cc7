using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Streams.Host.Hosting;
using Streams.Host.Status;

namespace Streams.Host.Cli;

/// <summary>
/// The verbs of <c>streams</c>. Anything a verb does not know is configuration, so any option
/// of appsettings.json can be given on the command line: <c>--Kafka:BootstrapServers=host:9092</c>.
/// </summary>
internal static class StreamsCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Streams: real-time server monitoring and anomaly detection on Kafka.");

        var up = new Command("up", "Run every role with the embedded Kafka, Schema Registry and ClickHouse (each replaced by its external endpoint where one is configured).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var upDataDir = DataDirOption();
        up.Add(upDataDir);
        up.SetAction((parse, ct) => StreamsApp.RunAsync(RoleCatalogue.All, ConfigArgs(parse, upDataDir), ct));
        root.Add(up);

        var roles = new Option<string>("--roles") { Description = $"Comma-separated roles to run: {RoleCatalogue.Names()}.", Required = true };
        var run = new Command("run", "Run some roles in this process; endpoints not configured point at the embedded platform's ports on this machine.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        run.Add(roles);
        var runDataDir = DataDirOption();
        run.Add(runDataDir);
        run.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<Role> chosen;
            try
            {
                chosen = RoleCatalogue.Parse(parse.GetRequiredValue(roles));
            }
            catch (ArgumentException ex)
            {
                return StartupError.Report(ex);
            }

            return await StreamsApp.RunAsync(chosen, ConfigArgs(parse, runDataDir), ct);
        });
        root.Add(run);

        var status = new Command("status", "Show the roles, endpoints, topics and consumer lag of the running platform.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        status.SetAction(async (parse, ct) =>
        {
            var configuration = VerbConfiguration([.. parse.UnmatchedTokens]);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            return await StatusCommand.RunAsync(configuration, AnsiConsole.Console, http, ct);
        });
        root.Add(status);
        root.Add(Streams.Host.DeadLetters.DeadLetterCommand.Create());
        root.Add(Streams.Collectors.Simulator.Cli.SimulateCommand.Create());
        root.Add(Streams.Collectors.Replay.Cli.ReplayCommand.Create());
        root.Add(Streams.Evaluation.EvalCommand.Create());
        root.Add(Streams.Training.TrainCommand.Create(VerbConfiguration));
        root.Add(CheckCommand.Create(VerbConfiguration));
        foreach (var command in Streams.Alerter.Cli.AlertingCommands.Create(VerbConfiguration))
        {
            root.Add(command);
        }

        return root;
    }

    private static Option<string?> DataDirOption() => new("--data-dir")
    {
        Description = $"Where this process keeps all its data (Streams:DataDir); default ${DataDirectory.EnvironmentVariable}, else ~/.local/share/streams ({DataDirectory.SystemDefault} for root).",
    };

    private static string[] ConfigArgs(ParseResult parse, Option<string?> dataDir) =>
        parse.GetValue(dataDir) is { } dir ? [.. parse.UnmatchedTokens, $"--{DataDirectory.Key}={dir}"] : [.. parse.UnmatchedTokens];

    /// <summary>The configuration a one-shot verb reads: appsettings.json, then the sources every run reads, then the local platform's ports and the data directory's paths.</summary>
    internal static ConfigurationManager VerbConfiguration(string[] args)
    {
        var configuration = new ConfigurationManager();
        configuration.SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true);
        configuration.AddStreamsSources(args);
        configuration.AddLocalPlatformDefaults();
        DataDirectory.Apply(configuration);
        return configuration;
    }
}
