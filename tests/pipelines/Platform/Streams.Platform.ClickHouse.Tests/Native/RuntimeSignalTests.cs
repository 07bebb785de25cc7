using System.Globalization;
using Streams.Platform.ClickHouse.Native;

namespace Streams.Platform.ClickHouse.Tests.Native;

public sealed class RuntimeSignalTests(ClickHouseServerFixture clickHouse) : IClassFixture<ClickHouseServerFixture>
{
    [Fact]
    public async Task ServerStartedAndQueried_SigrtminIsStillHandledByTheDotnetRuntime()
    {
        Assert.True(OperatingSystem.IsLinux(), "the embedded ClickHouse runs on Linux only");
        using var response = await clickHouse.Http.PostAsync(new Uri("/", UriKind.Relative), new StringContent("SELECT count() FROM system.tables"));
        response.EnsureSuccessStatusCode();

        // chDB's own handler of the signal the runtime suspends threads with hung the process (RuntimeSignal).
        Assert.Equal("libcoreclr.so", MappedFile(RuntimeSignal.CurrentHandler()));
    }

    private static string MappedFile(nint address)
    {
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            var range = fields[0].Split('-');
            var low = long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var high = long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (address >= low && address < high)
            {
                return fields.Length == 6 ? Path.GetFileName(fields[5].Trim()) : "(anonymous)";
            }
        }

        return $"(unmapped 0x{address:x})";
    }
}
