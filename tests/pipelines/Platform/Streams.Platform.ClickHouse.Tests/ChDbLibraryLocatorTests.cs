using Streams.Platform.ClickHouse.Native;

namespace Streams.Platform.ClickHouse.Tests;

public sealed class ChDbLibraryLocatorTests
{
    [Fact]
    public void Locate_NothingFound_OneLineTellingHowToFix()
    {
        var empty = Directory.CreateTempSubdirectory("streams-chdb-none-").FullName;
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => ChDbLibraryLocator.Locate(null, null, [empty]));

            Assert.Contains(empty, error.Message, StringComparison.Ordinal);
            Assert.Contains("run infra/setup/chdb.sh, or set ClickHouse:Url", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void Locate_ConfiguredPathMissing_NamesPathAndOption()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ChDbLibraryLocator.Locate("/nonexistent/libchdb.so", "/also/missing.so", []));

        Assert.Contains("/nonexistent/libchdb.so", error.Message, StringComparison.Ordinal);
        Assert.Contains("ClickHouse:Embedded:LibraryPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_CacheInParentDirectory_Found()
    {
        var root = Directory.CreateTempSubdirectory("streams-chdb-root-").FullName;
        try
        {
            var library = Path.Combine(root, ".cache", "chdb", "libchdb.so");
            Directory.CreateDirectory(Path.GetDirectoryName(library)!);
            File.WriteAllBytes(library, []);
            var nested = Directory.CreateDirectory(Path.Combine(root, "a", "b")).FullName;

            Assert.Equal(library, ChDbLibraryLocator.Locate(null, null, [nested]));
            Assert.Equal(library, ChDbLibraryLocator.Locate(null, library, [Path.GetTempPath()]));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
