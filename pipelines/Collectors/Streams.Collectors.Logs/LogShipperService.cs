using System.Net;
using Confluent.SchemaRegistry;
using io.streams.avro;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Collectors.Logs.Syslog;
using Streams.Collectors.Logs.Tailing;
using Streams.Collectors.Publishing;
using Streams.Platform.Kafka;
using Streams.Platform.SchemaRegistry;
using Streams.Schemas.Topics;

namespace Streams.Collectors.Logs;

/// <summary>
/// The <c>logs</c> role: tails the configured files and receives syslog over UDP and TCP, and
/// publishes every line to <c>logs.raw</c>. On stop it saves tail positions and flushes the producer.
/// </summary>
internal sealed partial class LogShipperService(
    IOptions<LogsOptions> options, IKafkaEndpoint kafka, ISchemaRegistryEndpoint registry, ILogger<LogShipperService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        settings.Validate();
        using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.Url.ToString() });
        using var publisher = new SpoolingPublisher<LogRecord>(settings.Publishing, TopicCatalogue.LogsRaw.Name, kafka.BootstrapServers, registryClient, logger);
        var sink = new PublisherLogRecordSink(publisher);
        // The publisher stops last, so what the receivers and tailers shipped while stopping is flushed too.
        await Sending.WhileAsync(publisher, token => ShipAsync(settings, sink, token), stoppingToken).ConfigureAwait(false);
    }

    private async Task ShipAsync(LogsOptions settings, PublisherLogRecordSink sink, CancellationToken stoppingToken)
    {
        var tasks = new List<Task>();
        using var udp = settings.SyslogUdpPort is { } udpPort ? new SyslogUdpServer(new IPEndPoint(settings.BindAddress, udpPort), settings.Host, sink) : null;
        using var tcp = settings.SyslogTcpPort is { } tcpPort
            ? new SyslogTcpServer(new IPEndPoint(settings.BindAddress, tcpPort), settings.Host, settings.MaxMessageBytes, sink, logger)
            : null;
        if (udp is not null)
        {
            udp.Start();
            tasks.Add(udp.RunAsync(stoppingToken));
            LogListening(logger, "UDP", udp.LocalEndpoint);
        }

        if (tcp is not null)
        {
            tcp.Start();
            tasks.Add(tcp.RunAsync(stoppingToken));
            LogListening(logger, "TCP", tcp.LocalEndpoint);
        }

        var positions = new TailPositionStore(settings.PositionsPath);
        var tailers = settings.Files.Select(f => new FileTailer(f, settings.Host, settings.ReadFromHead, positions, sink)).ToList();
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(settings.PollIntervalMs));
            do
            {
                foreach (var tailer in tailers)
                {
                    try
                    {
                        tailer.Poll();
                    }
                    catch (IOException ex)
                    {
                        LogTailFailed(logger, ex, tailer.Path);
                    }
                }

                positions.Save();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var tailer in tailers)
            {
                tailer.Dispose();
            }
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        positions.Save();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Syslog {Protocol} listening on {Endpoint}")]
    private static partial void LogListening(ILogger logger, string protocol, IPEndPoint endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tailing {Path} failed; retrying on the next poll")]
    private static partial void LogTailFailed(ILogger logger, Exception exception, string path);
}
