using io.streams.avro;
using Streams.Collectors.Logs.Tailing;

namespace Streams.Collectors.Logs.Tests;

public sealed class FileTailerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "streams-tail-" + Guid.NewGuid().ToString("N"));
    private readonly string _log;
    private readonly string _positions;
    private readonly ListSink _sink = new();

    public FileTailerTests()
    {
        Directory.CreateDirectory(_directory);
        _log = Path.Combine(_directory, "app.log");
        _positions = Path.Combine(_directory, "positions.json");
    }

    [Fact]
    public void Poll_LinesAppended_ShipsEachCompleteLineOnceAndWaitsForAPartialOne()
    {
        File.WriteAllText(_log, "Oct 11 22:14:15 web-1 app[1]: one\nplain two\nthree-partial");
        using var tailer = NewTailer(new TailPositionStore(_positions));

        Assert.Equal(2, tailer.Poll());
        Assert.Equal(0, tailer.Poll());
        File.AppendAllText(_log, " done\n");
        Assert.Equal(1, tailer.Poll());

        Assert.Equal(["one", "plain two", "three-partial done"], Messages());
        var records = _sink.Records;
        Assert.False(records[0].parseError);
        Assert.Equal("app", records[0].app);
        Assert.True(records[1].parseError);
        Assert.Equal("plain two", records[1].rawLine);
        Assert.Equal("billing", records[1].app);
        Assert.Equal(LogSource.FILE, records[1].source);
        Assert.Equal(_log, records[1].origin);
    }

    [Fact]
    public void Poll_NotReadFromHead_SkipsWhatWasThereBefore()
    {
        File.WriteAllText(_log, "old\n");
        using var tailer = new FileTailer(new TailedFileOptions { Path = _log, App = "billing" }, "web-1", readFromHead: false, new TailPositionStore(_positions), _sink);

        Assert.Equal(0, tailer.Poll());
        File.AppendAllText(_log, "new\n");
        Assert.Equal(1, tailer.Poll());
        Assert.Equal(["new"], Messages());
    }

    [Fact]
    public void Poll_RenameRotation_ReadsTheOldFileToItsEndThenTheNewOne()
    {
        File.WriteAllText(_log, "a\n");
        using var tailer = NewTailer(new TailPositionStore(_positions));
        tailer.Poll();
        File.AppendAllText(_log, "b\nc-unterminated");
        File.Move(_log, _log + ".1");
        File.WriteAllText(_log, "d\n");

        tailer.Poll();
        File.AppendAllText(_log, "e\n");
        tailer.Poll();

        Assert.Equal(["a", "b", "c-unterminated", "d", "e"], Messages());
    }

    [Fact]
    public void Poll_CopyTruncate_StartsAgainFromTheTop()
    {
        File.WriteAllText(_log, "first line\nsecond line\n");
        using var tailer = NewTailer(new TailPositionStore(_positions));
        tailer.Poll();
        File.Copy(_log, _log + ".1");
        using (new FileStream(_log, FileMode.Truncate))
        {
        }

        File.AppendAllText(_log, "x\n");
        tailer.Poll();

        Assert.Equal(["first line", "second line", "x"], Messages());
    }

    [Fact]
    public void Poll_AfterRestart_ResumesFromTheStoredPosition()
    {
        File.WriteAllText(_log, "a\nb\n");
        using (var first = NewTailer(new TailPositionStore(_positions)))
        {
            first.Poll();
        }

        File.AppendAllText(_log, "c\n");
        var reloaded = new TailPositionStore(_positions);
        using var second = NewTailer(reloaded);
        second.Poll();
        Assert.Equal(["a", "b", "a", "b", "c"], Messages());

        // Now saved: a third instance ships only what is new.
        reloaded.Save();
        File.AppendAllText(_log, "d\n");
        using var third = NewTailer(new TailPositionStore(_positions));
        third.Poll();
        Assert.Equal(["a", "b", "a", "b", "c", "d"], Messages());
    }

    [Fact]
    public void Poll_RotatedWhileStopped_ReadsTheNewFileFromItsStart()
    {
        File.WriteAllText(_log, "a\n");
        var store = new TailPositionStore(_positions);
        using (var first = NewTailer(store))
        {
            first.Poll();
        }

        store.Save();
        File.Move(_log, _log + ".1");
        File.WriteAllText(_log, "fresh\n");
        using var second = NewTailer(new TailPositionStore(_positions));
        second.Poll();

        Assert.Equal(["a", "fresh"], Messages());
    }

    [Fact]
    public void Poll_FileMissing_ShipsNothingUntilItAppears()
    {
        using var tailer = NewTailer(new TailPositionStore(_positions));
        Assert.Equal(0, tailer.Poll());
        File.WriteAllText(_log, "born\n");
        Assert.Equal(1, tailer.Poll());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private FileTailer NewTailer(TailPositionStore store) =>
        new(new TailedFileOptions { Path = _log, App = "billing" }, "web-1", readFromHead: true, store, _sink);

    private List<string> Messages() => [.. _sink.Records.Select(r => r.message)];
}
