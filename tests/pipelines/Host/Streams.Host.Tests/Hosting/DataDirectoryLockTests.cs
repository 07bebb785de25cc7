using System.Diagnostics;
using Streams.Host.Hosting;

namespace Streams.Host.Tests.Hosting;

public sealed class DataDirectoryLockTests : IDisposable
{
    private readonly string dataDir = StreamsAppTests.TempDir();

    [Fact]
    public void Acquire_RoleAlreadyLocked_RefusedWithOneLineNamingTheDirectoryRoleAndWayOut()
    {
        using var first = DataDirectoryLock.Acquire(dataDir, ["platform", "alerting"]);

        var refused = Assert.Throws<InvalidOperationException>(() => DataDirectoryLock.Acquire(dataDir, ["processor", "alerting"]));

        Assert.Equal(
            $"Data directory {dataDir} is in use by another streams process running the alerting role: stop it, or start this one with its own --data-dir.",
            refused.Message);
        // The roles it had locked before the refusal are free again.
        using var processor = DataDirectoryLock.Acquire(dataDir, ["processor"]);
    }

    [Fact]
    public void Acquire_OtherRolesOnTheSameDirectory_Coexist()
    {
        using var platform = DataDirectoryLock.Acquire(dataDir, ["platform"]);
        using var stages = DataDirectoryLock.Acquire(dataDir, ["processor", "scorer"]);

        Assert.True(File.Exists(Path.Combine(dataDir, DataDirectoryLock.LockFolder, "scorer.lock")));
    }

    [Fact]
    public void Acquire_AfterTheHolderReleased_Succeeds()
    {
        DataDirectoryLock.Acquire(dataDir, ["api"]).Dispose();

        using var again = DataDirectoryLock.Acquire(dataDir, ["api"]);
    }

    [Fact]
    public async Task Acquire_HolderIsAnotherProcess_RefusedUntilItIsKilled()
    {
        // flock(1) takes the same OS lock in another process, as a second streams would.
        var file = Path.Combine(Directory.CreateDirectory(Path.Combine(dataDir, DataDirectoryLock.LockFolder)).FullName, "alerting.lock");
        using var holder = Process.Start(new ProcessStartInfo("flock", ["--exclusive", file, "--command", "echo locked; exec sleep 60"]) { RedirectStandardOutput = true })!;
        try
        {
            Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Throws<InvalidOperationException>(() => DataDirectoryLock.Acquire(dataDir, ["alerting"]));

            // kill -9: no chance to clean up; the lock file stays behind, the lock does not.
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));

            Assert.True(File.Exists(file));
            using var taken = DataDirectoryLock.Acquire(dataDir, ["alerting"]);
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
