// Forecast accuracy, band coverage and cost per series on seeded synthetic hourly series.
//   dotnet run -c Release --project tests/bench/Streams.Forecasting.Benchmarks -- [series per kind, default 500]
// The forecaster's read of series_1h through the embedded ClickHouse, hosts × 8 series × 28 days:
//   dotnet run -c Release --project tests/bench/Streams.Forecasting.Benchmarks -- read [hosts, default 1000]
// --smoke (infra/test.sh): both at tiny sizes (5 series per kind, 2 hosts).
using System.Diagnostics;
using System.Globalization;
using Streams.Forecaster;
using Streams.Forecaster.Cycle;
using Streams.Forecasting;
using Streams.Forecasting.Benchmarks;

if (args is ["--smoke"])
{
    await Read.ReportAsync(2);
    args = ["5"];
}
else if (args.Length > 0 && args[0] == "read")
{
    await Read.ReportAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000);
    return;
}

var perKind = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"{perKind} series per kind; history 28 days hourly (672 points, the forecaster's default span), held out the next 7 days (168 points), nominal band 95 %");
Console.WriteLine();

Accuracy.Report(perKind);
Console.WriteLine();
Cost.Report(perKind);
