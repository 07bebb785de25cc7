using Streams.Topology.State;

namespace Streams.Topology.Scoring;

internal sealed class LearningStateSerDes : BinarySerDes<LearningState>
{
    protected override void Write(BinaryWriter writer, LearningState value)
    {
        writer.Write(value.Buffered);
        writer.Write(value.Version ?? "");
        writer.Write(value.Model?.Length ?? -1);
        if (value.Model is { } model)
        {
            writer.Write(model);
        }
    }

    protected override LearningState Read(BinaryReader reader)
    {
        var buffered = reader.ReadInt32();
        var version = reader.ReadString();
        var length = reader.ReadInt32();
        return new LearningState(buffered, version.Length == 0 ? null : version, length < 0 ? null : reader.ReadBytes(length));
    }
}
