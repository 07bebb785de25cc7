using Streams.Scoring.Learning;
using Streams.Topology.State;

namespace Streams.Topology.Scoring;

/// <summary>
/// Windows seen, version, model, then when the model was trained. A state stored by the warm-up
/// scorer (no trailing field) reads with its buffered count as windows seen and its model as
/// trained at 0, so the host retrains on its history as it grows.
/// </summary>
internal sealed class LearningStateSerDes : BinarySerDes<LearningState>
{
    protected override void Write(BinaryWriter writer, LearningState value)
    {
        // Int32 as the warm-up layout had it: 680 years of 10 s windows.
        writer.Write(checked((int)value.Progress.Seen));
        writer.Write(value.Version ?? "");
        writer.Write(value.Model?.Length ?? -1);
        if (value.Model is { } model)
        {
            writer.Write(model);
        }

        writer.Write(value.Progress.TrainedAt);
    }

    protected override LearningState Read(BinaryReader reader)
    {
        var seen = reader.ReadInt32();
        var version = reader.ReadString();
        var length = reader.ReadInt32();
        var model = length < 0 ? null : reader.ReadBytes(length);
        var trainedAt = reader.BaseStream.Position < reader.BaseStream.Length ? reader.ReadInt64() : 0;
        return new LearningState(new LearningProgress(seen, trainedAt), version.Length == 0 ? null : version, model);
    }
}
