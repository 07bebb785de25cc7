using System.Diagnostics;
using System.Net;

namespace Streams.System.Tests;

/// <summary>
/// One <c>streams run --roles ...</c> as its own OS process, with the environment its Compose
/// service gives it (see <see cref="SplitPlatform.StartRole"/>); its output goes to a file, so a
/// failed test can show what the role said.
/// </summary>
internal sealed class RoleProcess : IDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Func<RoleProcess?> platform;

    private RoleProcess(string name, string roles, IReadOnlyDictionary<string, string> environment, string[] args, Process process, StreamWriter log, Uri api, Func<RoleProcess?> platform)
    {
        this.platform = platform;
        Name = name;
        Roles = roles;
        Environment = environment;
        Args = args;
        this.process = process;
        this.log = log;
        Api = api;
    }

    public string Name { get; }

    /// <summary>The <c>--roles</c> the process runs.</summary>
    public string Roles { get; }

    /// <summary>The environment the process runs with, given again when it is started again.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The options after the roles, given again when the process is started again.</summary>
    public string[] Args { get; }

    public Uri Api { get; }

    /// <summary>"running", or the exit code (134 is an abort, 137 a SIGKILL).</summary>
    public string State => process.HasExited ? $"exited with {process.ExitCode}" : "running";

    public string LogFile => ((FileStream)log.BaseStream).Name;

    /// <param name="platform">The platform process the role talks to, if any: its state goes into a failure's message, since a role that cannot start is often one whose platform went away.</param>
    public static RoleProcess Start(string name, string roles, string dataDir, int apiPort, IReadOnlyDictionary<string, string> environment, Func<RoleProcess?> platform, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "streams.dll"), "run", "--roles", roles, $"--data-dir={dataDir}", $"--Api:Port={apiPort}", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = new StreamWriter(Path.Combine(dataDir + ".log"), append: true) { AutoFlush = true };
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new RoleProcess(name, roles, environment, args, process, log, new Uri($"http://127.0.0.1:{apiPort}"), platform);
    }

    /// <summary>Waits for <c>/readyz</c>; fails with the end of the role's log.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5), BaseAddress = Api };
        var deadline = DateTime.UtcNow + timeout;
        while (!process.HasExited && DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        var upstream = platform() is { } other && other != this ? $"\n--- the platform process ({other.State}) last said:\n{other.Tail(25)}" : "";
        Assert.Fail($"{Name} not ready within {timeout.TotalSeconds} s ({State}):\n{Tail()}{upstream}");
    }

    /// <summary>The last lines of the role's output, librdkafka's connection chatter left out.</summary>
    public string Tail(int lines = 40) => string.Join('\n', Lines().TakeLast(lines));

    /// <summary>How many lines of the role's output (all its runs on this data directory) contain <paramref name="text"/>.</summary>
    public int CountLines(string text) => Lines().Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>The last line of the role's output that contains <paramref name="text"/>; null when none does.</summary>
    public string? LastLine(string text) => Lines().LastOrDefault(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>The last <paramref name="last"/> lines of the role's output, librdkafka's own included, that match <paramref name="pattern"/>.</summary>
    public string Grep(string pattern, int last) =>
        string.Join('\n', Lines(includeLibrdkafka: true).Where(l => global::System.Text.RegularExpressions.Regex.IsMatch(l, pattern)).TakeLast(last));

    private List<string> Lines(bool includeLibrdkafka = false)
    {
        lock (log)
        {
            log.Flush();
        }

        using var reader = new StreamReader(new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return [.. reader.ReadToEnd().Split('\n').Where(l => includeLibrdkafka || !l.StartsWith('%'))];
    }

    /// <summary>SIGSTOP: the process freezes, as under a long GC pause, a stalled disk or a suspended VM.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signal("CONT");

    /// <summary>SIGKILL: no shutdown hook runs, as in a crash or an OOM kill.</summary>
    public void Kill9()
    {
        process.Kill();
        process.WaitForExit(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(30));
        }

        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(global::System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} exited with {kill.ExitCode}");
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }
}
