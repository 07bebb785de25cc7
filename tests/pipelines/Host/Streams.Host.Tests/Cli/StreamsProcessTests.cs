using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Streams.Host.Tests.Hosting;

namespace Streams.Host.Tests.Cli;

/// <summary>The real <c>streams</c> executable, as a person or Kubernetes runs it.</summary>
public sealed partial class StreamsProcessTests
{
    private const int SigTerm = 15;

    [Fact]
    public async Task Up_ThenSigterm_BecomesReadyAndExitsCleanly()
    {
        var apiPort = FreePort();
        using var streams = Start("up", [.. StreamsAppTests.FreePorts.Where(a => !a.StartsWith("--Api", StringComparison.Ordinal)), $"--Api:Port={apiPort}", $"--data-dir={StreamsAppTests.TempDir()}"]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var ready = false;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!ready && !streams.HasExited && DateTime.UtcNow < deadline)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{apiPort}/readyz"));
                    ready = response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    // Kestrel is not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Listening but not answering within 5 s: asked again until the deadline.
                }

                if (!ready)
                {
                    await Task.Delay(200);
                }
            }

            if (!ready)
            {
                streams.Kill(entireProcessTree: true);
                Assert.Fail("streams up did not become ready within 60 s: " + await streams.StandardOutput.ReadToEndAsync() + await streams.StandardError.ReadToEndAsync());
            }

            Assert.Equal(0, Kill(streams.Id, SigTerm));
            Assert.True(streams.WaitForExit(TimeSpan.FromSeconds(30)), "streams did not stop within 30 s of SIGTERM");
            Assert.Equal(0, streams.ExitCode);
            Assert.Contains("Application is shutting down", await streams.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
        }
        finally
        {
            // A failed run must not leave `streams up` holding ports and spool locks for the tests after it.
            if (!streams.HasExited)
            {
                streams.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Run_UnknownRole_ExitsWithCode2AndOneLineOnStderr()
    {
        using var streams = Start("run", ["--roles", "bogus"]);
        var stderr = await streams.StandardError.ReadToEndAsync();
        Assert.True(streams.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal(2, streams.ExitCode);
        Assert.Equal($"streams: Unknown role 'bogus'; this build has: {Streams.Host.Hosting.RoleCatalogue.Names()}.", stderr.Trim());
    }

    [Fact]
    public async Task Run_ApiBeyondLoopbackWithKeysOff_ExitsWithCode2AndOneLineOnStderr()
    {
        using var streams = Start("run", ["--roles", "platform", "--Api:Host=0.0.0.0", "--Api:Port=0", "--Api:Auth:Enabled=false", "--data-dir", StreamsAppTests.TempDir()]);
        var stderr = await streams.StandardError.ReadToEndAsync();
        Assert.True(streams.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal(2, streams.ExitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("streams: Refusing to start: the api port on 0.0.0.0:0", line, StringComparison.Ordinal);
        Assert.Contains("Security:AllowUnauthenticatedRemote=true", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DataDirectoryInUseForTheRole_ExitsWithCode2AndOneLineOnStderr()
    {
        var dataDir = StreamsAppTests.TempDir();
        using var running = Streams.Host.Hosting.DataDirectoryLock.Acquire(dataDir, ["api"]);

        using var streams = Start("run", ["--roles", "api", "--data-dir", dataDir, "--Api:Port=0"]);
        var stderr = await streams.StandardError.ReadToEndAsync();
        Assert.True(streams.WaitForExit(TimeSpan.FromSeconds(30)));

        Assert.Equal(2, streams.ExitCode);
        Assert.Equal(
            $"streams: Data directory {dataDir} is in use by another streams process running the api role: stop it, or start this one with its own --data-dir.",
            stderr.Trim());
    }

    private static Process Start(string verb, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streams.dll"));
        info.ArgumentList.Add(verb);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
