using System.Text.Json;

namespace Streams.Collectors.Logs.Tailing;

/// <summary>
/// Tail positions by path in one JSON file, replaced by rename so a crash leaves the old or the
/// new version, never a torn one. Positions are saved after the lines are in the spool, so a
/// restart neither loses nor (beyond the last save) repeats lines.
/// </summary>
internal sealed class TailPositionStore
{
    private readonly string _path;
    private readonly Dictionary<string, TailPosition> _positions;
    private bool _dirty;

    public TailPositionStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = path;
        _positions = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, TailPosition>>(File.ReadAllText(path)) ?? []
            : [];
    }

    public TailPosition? Get(string file) => _positions.GetValueOrDefault(file);

    public void Set(string file, TailPosition position)
    {
        if (_positions.GetValueOrDefault(file) != position)
        {
            _positions[file] = position;
            _dirty = true;
        }
    }

    public void Save()
    {
        if (!_dirty)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_positions));
        File.Move(temporary, _path, overwrite: true);
        _dirty = false;
    }
}
