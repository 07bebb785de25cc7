using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Streams.Notifier.Tests;

/// <summary>
/// A real SMTP server: Debian's aiosmtpd (<c>python3-aiosmtpd</c>) as a subprocess on a free
/// loopback port, storing what it accepts in a Maildir. Killed with its process tree on dispose.
/// </summary>
internal sealed class SmtpServer : IDisposable
{
    // Debian's interpreter: a python3 earlier on PATH (pyenv) may not have the package.
    private const string Python = "/usr/bin/python3";
    private readonly Process process;
    private readonly string maildir;

    private SmtpServer(Process process, string maildir, int port)
    {
        this.process = process;
        this.maildir = maildir;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SmtpServer> StartAsync()
    {
        var port = FreePort();
        var maildir = Path.Combine(Path.GetTempPath(), "streams-smtp-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start");
        var server = new SmtpServer(process, maildir, port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> messages were accepted and returns them.</summary>
    public async Task<List<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        var directory = Path.Combine(maildir, "new");
        while (true)
        {
            var files = Directory.Exists(directory) ? Directory.GetFiles(directory) : [];
            if (files.Length >= count)
            {
                return [.. files.Select(f => MimeMessage.Load(f))];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{files.Length} of {count} messages arrived");
            }

            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
        if (Directory.Exists(maildir))
        {
            Directory.Delete(maildir, recursive: true);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
