using System.Globalization;
using System.Text.Json;
using Streams.Fuzz.Harness;
using Streams.Fuzz.Targets;

FuzzOptions options;
try
{
    options = FuzzOptions.Parse(args, FuzzTargets.Names);
}
catch (FormatException ex)
{
    await Console.Error.WriteLineAsync($"{ex.Message}\n{FuzzOptions.Usage}");
    return 2;
}

var files = options.Root is null ? FuzzFiles.FindFrom(AppContext.BaseDirectory) : FuzzFiles.FindFrom(options.Root);
var session = new FuzzSession(files, options.Timeout);
var reports = new List<TargetReport>();
foreach (var name in options.Targets)
{
    var target = FuzzTargets.Create(name);
    using var owned = target as IDisposable;
    var report = options.Replay ? session.Replay(target) : session.Fuzz(target, options.Iterations, options.Seed);
    if (options.Save && !options.Replay)
    {
        session.Save(name, report);
    }

    reports.Add(report);
    foreach (var finding in report.Findings)
    {
        await Console.Error.WriteLineAsync($"[{name}] {finding.Kind}: {finding.Signature}{(finding.SavedAs is null ? "" : " -> " + finding.SavedAs)}\n{finding.Message}\n");
    }

    // The table goes to stdout, or to stderr as each target ends when stdout carries the JSON.
    var line = string.Create(
        CultureInfo.InvariantCulture,
        $"{name,-26} {report.Executions,10:N0} execs {report.Seconds,8:F1} s {report.ExecutionsPerSecond,9:N0} exec/s {report.ExecutionsPerCpuSecond,9:N0} exec/CPU-s  crashes {report.Crashes,4} ({report.Findings.Count(f => f.Kind == FindingKind.Crash)} distinct)  hangs {report.Hangs}  slowest {report.SlowestMs:F1} ms");
    await (options.Json ? Console.Error : Console.Out).WriteLineAsync(line);
}

if (options.Json)
{
    var document = new
    {
        mode = options.Replay ? "replay" : "mutation (coverage-free, seeded from tests/fuzz/corpus)",
        seed = options.Seed,
        timeoutMs = options.Timeout.TotalMilliseconds,
        targets = reports.Select(r => new
        {
            target = r.Target,
            executions = r.Executions,
            seconds = Math.Round(r.Seconds, 2),
            execPerSecond = Math.Round(r.ExecutionsPerSecond),
            cpuSeconds = Math.Round(r.CpuSeconds, 2),
            execPerCpuSecond = Math.Round(r.ExecutionsPerCpuSecond),
            crashes = r.Crashes,
            hangs = r.Hangs,
            slowestMs = Math.Round(r.SlowestMs, 2),
            findings = r.Findings.Select(f => new { kind = f.Kind.ToString(), signature = f.Signature, file = f.SavedAs, inputBytes = f.Input.Length }),
        }),
    };
    Console.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
}

// A hung target leaves its worker thread spinning; exiting here ends it.
var clean = reports.All(r => r.Clean);
Environment.Exit(clean ? 0 : 1);
return clean ? 0 : 1;
