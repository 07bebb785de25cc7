using Streams.Topology.State;

namespace Streams.Topology.Metrics.Window;

internal sealed class HostWindowStateSerDes : BinarySerDes<HostWindowState>
{
    protected override void Write(BinaryWriter writer, HostWindowState value)
    {
        writer.Write(value.EventTime);
        writer.Write(value.ClosedUpTo);
        writer.Write(value.Layout.Count);
        foreach (var series in value.Layout)
        {
            writer.Write(series);
        }
    }

    protected override HostWindowState Read(BinaryReader reader)
    {
        var eventTime = reader.ReadInt64();
        var closedUpTo = reader.ReadInt64();
        var layout = new string[reader.ReadInt32()];
        for (var i = 0; i < layout.Length; i++)
        {
            layout[i] = reader.ReadString();
        }

        return new HostWindowState(layout, eventTime, closedUpTo);
    }
}
