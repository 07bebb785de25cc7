using System.Globalization;
using System.Text.RegularExpressions;

namespace Streams.Host.Status;

/// <summary>The embedded broker's data-loss counter (<c>streams_kafka_data_loss_total</c>) read from the host's Prometheus text.</summary>
internal static partial class DataLossLines
{
    public static List<(string Topic, string Partition, long Lost)> Parse(string metrics)
    {
        var losses = new List<(string, string, long)>();
        foreach (Match line in Counter().Matches(metrics))
        {
            var labels = Label().Matches(line.Groups["labels"].Value).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            if (double.TryParse(line.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var lost) && lost > 0)
            {
                losses.Add((labels.GetValueOrDefault("topic", "?"), labels.GetValueOrDefault("partition", "?"), (long)lost));
            }
        }

        return losses;
    }

    [GeneratedRegex(@"^streams_kafka_data_loss_total\{(?<labels>[^}]*)\}\s+(?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Counter();

    [GeneratedRegex(@"(?<name>\w+)=""(?<value>[^""]*)""")]
    private static partial Regex Label();
}
