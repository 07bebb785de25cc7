using Streams.Topology.State;

namespace Streams.Topology.Scoring;

internal sealed class WarmupRowSerDes : BinarySerDes<WarmupRow>
{
    protected override void Write(BinaryWriter writer, WarmupRow value)
    {
        writer.Write(value.Names.Length);
        for (var d = 0; d < value.Names.Length; d++)
        {
            writer.Write(value.Names[d]);
            writer.Write(value.Values[d]);
            writer.Write(value.Present.Length == 0 || value.Present[d]);
        }
    }

    protected override WarmupRow Read(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var names = new string[count];
        var values = new double[count];
        var present = new bool[count];
        for (var d = 0; d < count; d++)
        {
            names[d] = reader.ReadString();
            values[d] = reader.ReadDouble();
            present[d] = reader.ReadBoolean();
        }

        return new WarmupRow(names, values, present);
    }
}
