using Streams.Topology.State;

namespace Streams.Topology.Logs.Window;

/// <summary>~50 B plus ~80 B per template of the window: a chatty application with 30 templates a minute is ~2.5 KB.</summary>
internal sealed class LogWindowCountsSerDes : BinarySerDes<LogWindowCounts>
{
    protected override void Write(BinaryWriter writer, LogWindowCounts value)
    {
        writer.Write(value.ParseErrors);
        writer.Write(value.Late);
        writer.Write(value.Severities.Length);
        foreach (var count in value.Severities)
        {
            writer.Write(count);
        }

        writer.Write(value.Templates.Count);
        foreach (var (id, tally) in value.Templates)
        {
            writer.Write(id);
            writer.Write(tally.Text);
            writer.Write(tally.Count);
            writer.Write(tally.IsNew);
        }
    }

    protected override LogWindowCounts Read(BinaryReader reader)
    {
        var counts = new LogWindowCounts { ParseErrors = reader.ReadInt32(), Late = reader.ReadInt32() };
        var severities = reader.ReadInt32();
        for (var i = 0; i < severities; i++)
        {
            var count = reader.ReadInt32();
            if (i < counts.Severities.Length)
            {
                counts.Severities[i] = count;
            }
        }

        var templates = reader.ReadInt32();
        for (var i = 0; i < templates; i++)
        {
            var id = reader.ReadString();
            counts.Templates[id] = new TemplateTally(reader.ReadString()) { Count = reader.ReadInt32(), IsNew = reader.ReadBoolean() };
        }

        return counts;
    }
}
