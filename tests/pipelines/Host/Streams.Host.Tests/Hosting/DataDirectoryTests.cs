using Microsoft.Extensions.Configuration;
using Streams.Alerter;
using Streams.Api;
using Streams.Collectors.Agent;
using Streams.Collectors.Logs;
using Streams.Collectors.Nagios;
using Streams.Collectors.Prometheus;
using Streams.Collectors.Zabbix;
using Streams.Host.Cli;
using Streams.Host.Hosting;
using Streams.Platform.ClickHouse;
using Streams.Platform.Kafka;
using Streams.Platform.Security;
using Streams.Processor;
using Streams.Scorer;
using Streams.Training;

namespace Streams.Host.Tests.Hosting;

public sealed class DataDirectoryTests
{
    private static readonly string Home = Path.Combine(Path.GetTempPath(), "home-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Resolve_NothingSet_IsTheUsersDataHomeOrVarLibForRoot()
    {
        Assert.Equal(Path.Combine(Home, "streams"), DataDirectory.Resolve(null, null, privileged: false, Home));
        Assert.Equal("/var/lib/streams", DataDirectory.Resolve(null, null, privileged: true, Home));
    }

    [Fact]
    public void Resolve_ConfiguredThenEnvironment_WinInThatOrder()
    {
        Assert.Equal("/from/config", DataDirectory.Resolve("/from/config", "/from/env", privileged: true, Home));
        Assert.Equal("/from/env", DataDirectory.Resolve(null, "/from/env", privileged: true, Home));
    }

    [Fact]
    public void Apply_EveryPathOptionOfEveryRole_DefaultsUnderTheDataDirectory()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "streams-data-" + Guid.NewGuid().ToString("N"));
        var configuration = Configuration("--data-dir", dataDir);

        Assert.Equal(dataDir, DataDirectory.Apply(configuration, null, privileged: false, Home));

        // Bound through the roles' own option classes, so a renamed section or key fails here.
        string[] paths =
        [
            configuration["Kafka:Embedded:JournalPath"]!,
            Bind<EmbeddedClickHouseOptions>(configuration, EmbeddedClickHouseOptions.SectionName).DataPath,
            Bind<CollectorOptions>(configuration, CollectorOptions.SectionName).Publishing.SpoolPath,
            Bind<LogsOptions>(configuration, LogsOptions.SectionName).Publishing.SpoolPath,
            Bind<LogsOptions>(configuration, LogsOptions.SectionName).PositionsPath,
            Bind<PrometheusOptions>(configuration, PrometheusOptions.SectionName).Publishing.SpoolPath,
            Bind<ZabbixOptions>(configuration, ZabbixOptions.SectionName).Publishing.SpoolPath,
            Bind<ZabbixOptions>(configuration, ZabbixOptions.SectionName).EventsPublishing.SpoolPath,
            Bind<NagiosOptions>(configuration, NagiosOptions.SectionName).Publishing.SpoolPath,
            Bind<NagiosOptions>(configuration, NagiosOptions.SectionName).EventsPublishing.SpoolPath,
            Bind<ProcessorOptions>(configuration, ProcessorOptions.SectionName).StateDir,
            Bind<ScorerOptions>(configuration, ScorerOptions.SectionName).StateDir,
            Bind<AlerterOptions>(configuration, AlerterOptions.SectionName).StateDir,
            configuration["Api:DataDir"]!,
            configuration[TrainCommand.ModelsPathKey]!,
        ];
        Assert.All(paths, p => Assert.StartsWith(dataDir + Path.DirectorySeparatorChar, p, StringComparison.Ordinal));
        Assert.Equal(paths.Length, paths.Distinct().Count());
    }

    [Fact]
    public void OptionClasses_BuiltWithoutTheHost_DefaultUnderTheDefaultDataDirectory()
    {
        // A role composed without the host (a test, an embedding) must not fall back to a folder
        // that every process on the machine shares, as the temp directory was.
        var expected = StreamsDataDirectory.Layout.Keys.Where(k => k != TrainCommand.ModelsPathKey)
            .Select(StreamsDataDirectory.DefaultPath).Order(StringComparer.Ordinal);
        string[] defaults =
        [
            EmbeddedKafkaOptions.DefaultJournalPath,
            new EmbeddedClickHouseOptions().DataPath,
            new CollectorOptions().Publishing.SpoolPath,
            new LogsOptions().Publishing.SpoolPath,
            new LogsOptions().PositionsPath,
            new PrometheusOptions().Publishing.SpoolPath,
            new ZabbixOptions().Publishing.SpoolPath,
            new ZabbixOptions().EventsPublishing.SpoolPath,
            new NagiosOptions().Publishing.SpoolPath,
            new NagiosOptions().EventsPublishing.SpoolPath,
            new ProcessorOptions().StateDir,
            new ScorerOptions().StateDir,
            new AlerterOptions().StateDir,
            new StreamsApiOptions().DataDir,
        ];

        Assert.Equal(expected, defaults.Order(StringComparer.Ordinal));
        Assert.All(defaults, p => Assert.StartsWith(StreamsDataDirectory.Default + Path.DirectorySeparatorChar, p, StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_PathSetExplicitly_WinsOverTheDataDirectoryDefault()
    {
        var configuration = Configuration("--data-dir", "/srv/streams", "--Processor:StateDir=/fast-disk/processor", "--ClickHouse:Embedded:DataPath=/big-disk/clickhouse");

        DataDirectory.Apply(configuration, null, privileged: false, Home);

        Assert.Equal("/fast-disk/processor", Bind<ProcessorOptions>(configuration, ProcessorOptions.SectionName).StateDir);
        Assert.Equal("/big-disk/clickhouse", Bind<EmbeddedClickHouseOptions>(configuration, EmbeddedClickHouseOptions.SectionName).DataPath);
        Assert.Equal(Path.Combine("/srv/streams", "state", "scorer"), Bind<ScorerOptions>(configuration, ScorerOptions.SectionName).StateDir);
    }

    [Fact]
    public void Apply_RelativeDataDir_IsResolvedAgainstTheWorkingDirectoryOnce()
    {
        var configuration = Configuration("--data-dir=relative/data");

        var dataDir = DataDirectory.Apply(configuration, null, privileged: false, Home);

        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "relative", "data"), dataDir);
        // Stored absolute: what every reader of Streams:DataDir sees no longer depends on the working directory.
        Assert.Equal(dataDir, configuration[DataDirectory.Key]);
        Assert.Equal(Path.Combine(dataDir, "api"), configuration["Api:DataDir"]);
    }

    [Fact]
    public void Apply_EnvironmentVariable_UsedWhenNoConfigurationNamesOne()
    {
        var configuration = Configuration();

        Assert.Equal("/from/env", DataDirectory.Apply(configuration, "/from/env", privileged: false, Home));
        Assert.Equal(Path.Combine("/from/env", "state", "alerting"), configuration["Alerting:StateDir"]);
    }

    [Fact]
    public void VerbConfiguration_DataDirOption_ResolvesAsARunDoes()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "streams-verb-" + Guid.NewGuid().ToString("N"));

        var configuration = StreamsCommandLine.VerbConfiguration(["--data-dir", dataDir]);

        Assert.Equal(dataDir, configuration[DataDirectory.Key]);
        Assert.Equal(Path.Combine(dataDir, "api"), configuration["Api:DataDir"]);
        Assert.Equal(Path.Combine(dataDir, "models"), configuration[TrainCommand.ModelsPathKey]);
    }

    private static ConfigurationManager Configuration(params string[] args)
    {
        var configuration = new ConfigurationManager();
        configuration.AddStreamsSources(args);
        return configuration;
    }

    private static T Bind<T>(ConfigurationManager configuration, string section)
        where T : new() => configuration.GetSection(section).Get<T>() ?? new T();
}
