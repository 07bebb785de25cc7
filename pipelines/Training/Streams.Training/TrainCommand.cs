using System.Data.Common;
using System.CommandLine;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Streams.Platform.ClickHouse;
using Streams.Schemas.Topics;
using Streams.Scoring.Artifacts;
using Streams.Training.Sources;

namespace Streams.Training;

/// <summary>
/// <c>streams train</c>: trains a host's detector from SMD train files or from the host's window
/// history in ClickHouse, saves the versioned artifact and announces it on <c>models</c>, where
/// running scorers pick it up at the host's next window.
/// </summary>
public static class TrainCommand
{
    /// <summary>Where artifacts go when <c>--out</c> is not given; the <c>streams</c> host sets it to <c>&lt;Streams:DataDir&gt;/models</c>.</summary>
    public const string ModelsPathKey = "Training:ModelsPath";

    /// <param name="configuration">Builds the configuration (Kafka:BootstrapServers, ClickHouse:Url, ...) from the tokens the verb does not know.</param>
    public static Command Create(Func<string[], IConfiguration> configuration) => Create(configuration, AnsiConsole.Console);

    internal static Command Create(Func<string[], IConfiguration> configuration, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(console);
        var from = new Option<string>("--from") { Description = "Training data: smd (a dataset machine's train file) or clickhouse (a host's window history).", Required = true };
        from.AcceptOnlyFromAmong("smd", "clickhouse");
        var data = new Option<string>("--data") { Description = "smd: the SMD folder (holding train/).", DefaultValueFactory = _ => Path.Combine("..", "shared", "datasets", "smd") };
        var machine = new Option<string?>("--machine") { Description = "smd: the machine, e.g. machine-1-1." };
        var host = new Option<string?>("--host") { Description = "The host the model scores (clickhouse: also whose history to read). smd default: the machine name." };
        var hours = new Option<int>("--hours") { Description = "clickhouse: hours of history up to now.", DefaultValueFactory = _ => 24 };
        var windowSize = new Option<long>("--window-size-ms") { Description = "clickhouse: the window size to train on; the scorer's Scorer:WindowSizeMs.", DefaultValueFactory = _ => 10_000 };
        var output = new Option<string?>("--out") { Description = $"Artifact directory; the scorers must be able to read it. Default: {ModelsPathKey}, <data dir>/models." };
        var seed = new Option<int>("--seed") { Description = "Seed of the k-means initialisation: the same data and seed give the same model.", DefaultValueFactory = _ => 42 };
        var noAnnounce = new Option<bool>("--no-announce") { Description = "Save the artifact only; do not announce it on the models topic." };
        var command = new Command("train", "Train a host's anomaly detector, save the versioned artifact and announce it on the models topic.")
        {
            from, data, machine, host, hours, windowSize, output, seed, noAnnounce,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var settings = configuration([.. parse.UnmatchedTokens]);
            var request = new TrainRequest(
                parse.GetRequiredValue(from), parse.GetRequiredValue(data), parse.GetValue(machine), parse.GetValue(host),
                parse.GetValue(hours), parse.GetValue(windowSize), parse.GetValue(output) ?? settings[ModelsPathKey] ?? "", parse.GetValue(seed), !parse.GetValue(noAnnounce));
            return await RunAsync(request, settings, console, ct).ConfigureAwait(false);
        });
        return command;
    }

    internal static async Task<int> RunAsync(TrainRequest request, IConfiguration configuration, IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (request.Problem() is { } problem)
        {
            console.MarkupLineInterpolated($"[red]streams train: {problem}[/]");
            return 2;
        }

        var hostName = request.Host ?? request.Machine!;
        var store = new ModelArtifactStore(request.Output);
        var exit = 0;
        ModelMetadata? saved = null;
        try
        {
            await console.Progress().AutoClear(false).StartAsync(async progress =>
            {
                var read = progress.AddTask("reading " + Markup.Escape(request.From), maxValue: 1);
                var training = progress.AddTask("training", maxValue: 1, autoStart: false);
                var announcing = request.Announce ? progress.AddTask("announcing", maxValue: 1, autoStart: false) : null;
                var set = request.From == "smd"
                    ? SmdTrainFile.Load(request.Data, request.Machine!)
                    : await ClickHouseHistory.LoadAsync(ConnectionString(configuration), hostName, request.Hours, request.WindowSizeMs, cancellationToken).ConfigureAwait(false);
                read.Increment(1);
                training.StartTask();
                saved = HostTrainer.Train(set, hostName, request.Seed, store, DateTimeOffset.UtcNow).Metadata;
                training.Increment(1);
                if (announcing is not null)
                {
                    announcing.StartTask();
                    await ModelAnnouncer.AnnounceAsync(configuration["Kafka:BootstrapServers"] ?? "127.0.0.1:9092", saved, cancellationToken).ConfigureAwait(false);
                    announcing.Increment(1);
                }
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]streams train: {ex.Message}[/]");
            return 2;
        }
        catch (KafkaException ex)
        {
            console.MarkupLineInterpolated($"[red]streams train: the model was saved at {saved?.ArtifactPath} but not announced: {ex.Error.Reason}[/]");
            exit = 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or DbException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            console.MarkupLineInterpolated($"[red]streams train: cannot read ClickHouse at {configuration["ClickHouse:Url"]}: {ex.Message}[/]");
            return 1;
        }

        if (saved is { } model)
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            var table = new Grid().AddColumn().AddColumn();
            table.AddRow("model", Markup.Escape(model.Name));
            table.AddRow("version", model.Version);
            table.AddRow("features", model.FeatureNames.Count.ToString(inv));
            table.AddRow("training rows", model.TrainingRows.ToString(inv));
            table.AddRow("threshold", model.Threshold.ToString("G4", inv));
            table.AddRow("held-out alarm rate", model.Evaluation["heldOutAlarmRate"].ToString("P2", inv));
            table.AddRow("training time", model.Evaluation["trainingSeconds"].ToString("0.00", inv) + " s");
            table.AddRow("artifact", Markup.Escape(model.ArtifactPath ?? ""));
            table.AddRow("announced", request.Announce && exit == 0 ? $"on {TopicCatalogue.Models.Name} as {Markup.Escape(model.Name)}" : "no");
            console.Write(table);
        }

        return exit;
    }

    private static string ConnectionString(IConfiguration configuration)
    {
        var options = configuration.GetSection(ClickHouseOptions.SectionName).Get<ClickHouseOptions>() ?? new ClickHouseOptions();
        return options.ConnectionString(new Uri(options.Url ?? "http://127.0.0.1:8123"));
    }
}
