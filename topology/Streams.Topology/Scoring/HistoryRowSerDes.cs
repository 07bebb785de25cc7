using Streams.Scoring.Learning;
using Streams.Topology.State;

namespace Streams.Topology.Scoring;

/// <summary>A host's history row; the incident flag follows the warm-up row's fields, and a warm-up row stored before it had one reads as not anomalous.</summary>
internal sealed class HistoryRowSerDes : BinarySerDes<HistoryRow>
{
    protected override void Write(BinaryWriter writer, HistoryRow value)
    {
        writer.Write(value.Names.Length);
        for (var d = 0; d < value.Names.Length; d++)
        {
            writer.Write(value.Names[d]);
            writer.Write(value.Values[d]);
            writer.Write(value.Present.Length == 0 || value.Present[d]);
        }

        writer.Write(value.Anomalous);
    }

    protected override HistoryRow Read(BinaryReader reader)
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

        var anomalous = reader.BaseStream.Position < reader.BaseStream.Length && reader.ReadBoolean();
        return new HistoryRow(names, values, present, anomalous);
    }
}
