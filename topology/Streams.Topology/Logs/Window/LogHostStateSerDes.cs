using Streams.Topology.State;

namespace Streams.Topology.Logs.Window;

internal sealed class LogHostStateSerDes : BinarySerDes<LogHostState>
{
    protected override void Write(BinaryWriter writer, LogHostState value)
    {
        writer.Write(value.EventTime);
        writer.Write(value.ClosedUpTo);
        writer.Write(value.Open.Count);
        foreach (var (start, app) in value.Open)
        {
            writer.Write(start);
            writer.Write(app);
        }

        writer.Write(value.DroppedLate.Count);
        foreach (var (app, count) in value.DroppedLate)
        {
            writer.Write(app);
            writer.Write(count);
        }
    }

    protected override LogHostState Read(BinaryReader reader)
    {
        var state = new LogHostState { EventTime = reader.ReadInt64(), ClosedUpTo = reader.ReadInt64() };
        var open = reader.ReadInt32();
        for (var i = 0; i < open; i++)
        {
            state.Open.Add((reader.ReadInt64(), reader.ReadString()));
        }

        var dropped = reader.ReadInt32();
        for (var i = 0; i < dropped; i++)
        {
            state.DroppedLate[reader.ReadString()] = reader.ReadInt32();
        }

        return state;
    }
}
