using Streams.Sinks.ClickHouse.Rows;

namespace Streams.Sinks.ClickHouse.Tests.Rows;

public sealed class ValueCacheTests
{
    [Fact]
    public void Intern_EqualStrings_OneInstance()
    {
        var cache = new ValueCache();

        var first = cache.Intern(new string('h', 3));
        var second = cache.Intern(new string('h', 3));

        Assert.Same(first, second);
        Assert.Null(cache.Intern(null));
    }

    [Fact]
    public void Share_SameEntriesAgain_FirstMapShared()
    {
        var cache = new ValueCache();
        var first = new Dictionary<string, string> { ["dc"] = "eu-1", ["role"] = "db" };

        Assert.Same(first, cache.Share("h1", first));
        Assert.Same(first, cache.Share("h1", new Dictionary<string, string> { ["role"] = "db", ["dc"] = "eu-1" }));
    }

    [Fact]
    public void Share_EntriesChangedOrOtherOwner_NewMapKept()
    {
        var cache = new ValueCache();
        cache.Share("h1", new Dictionary<string, string> { ["dc"] = "eu-1" });
        var changed = new Dictionary<string, string> { ["dc"] = "eu-2" };
        var other = new Dictionary<string, string> { ["dc"] = "eu-1" };

        Assert.Same(changed, cache.Share("h1", changed));
        Assert.Same(changed, cache.Share("h1", new Dictionary<string, string> { ["dc"] = "eu-2" }));
        Assert.Same(other, cache.Share("h2", other));
        Assert.Same(other, cache.Share(null, other));
    }

    [Fact]
    public void Box_Booleans_SharedBoxesWithTheirValue()
    {
        Assert.Same(ValueCache.Box(true), ValueCache.Box(true));
        Assert.Equal(true, ValueCache.Box(true));
        Assert.Equal(false, ValueCache.Box(false));
    }
}
