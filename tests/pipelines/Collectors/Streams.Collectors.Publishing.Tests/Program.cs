using System.Globalization;
using Confluent.SchemaRegistry;
using Microsoft.Extensions.Logging.Abstractions;
using Streams.Collectors.Publishing;

namespace Streams.Collectors.Publishing.Tests;

/// <summary>
/// Child process of <see cref="SpoolKillTests"/>: <c>spool-writer &lt;dir&gt;</c> publishes numbered samples
/// into a spool with no reachable Kafka and prints each number once it is appended, until killed.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 2 || args[0] != "spool-writer")
        {
            Console.Error.WriteLine("usage: spool-writer <spool directory>");
            return 2;
        }

        using var registry = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = "http://127.0.0.1:9" });
        using var publisher = new SpoolingPublisher<io.streams.avro.MetricSample>(
            new PublishingOptions { SpoolPath = args[1] }, "spool.kill", "127.0.0.1:9", registry, NullLogger.Instance);
        for (var i = 0; ; i++)
        {
            publisher.Publish(Samples.Host, Samples.Numbered(i));
            Console.Out.WriteLine(i.ToString(CultureInfo.InvariantCulture));
            Console.Out.Flush();
        }
    }
}
