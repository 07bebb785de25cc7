using Streams.Sinks.ClickHouse.Migrations;

namespace Streams.Sinks.ClickHouse.Tests.Migrations;

public sealed class MigrationTests
{
    [Fact]
    public void Statements_CommentsAndSeveralStatements_SplitsWithoutComments()
    {
        var migration = new Migration(9, "009_x", "-- a comment; with a semicolon\nCREATE TABLE a (x UInt8) ENGINE = Memory;\n\nCREATE VIEW b AS SELECT 1;\n");

        Assert.Equal(["CREATE TABLE a (x UInt8) ENGINE = Memory", "CREATE VIEW b AS SELECT 1"], migration.Statements());
    }

    [Fact]
    public void Checksum_CrlfCheckout_SameAsLf() =>
        Assert.Equal(new Migration(1, "001_a", "SELECT 1;\n").Checksum, new Migration(1, "001_a", "SELECT 1;\r\n").Checksum);

    [Fact]
    public void All_EmbeddedFiles_OrderedByVersionWithoutGaps() =>
        Assert.Equal(Enumerable.Range(1, MigrationCatalogue.All.Count), MigrationCatalogue.All.Select(m => m.Version));
}
