using System.Globalization;

namespace Streams.Sinks.ClickHouse.Benchmarks;

internal static class Report
{
    public static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));
}
