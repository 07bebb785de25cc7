using Streams.Collectors.Simulator.Publishing;

namespace Streams.Collectors.Simulator.Labels;

/// <summary>Sends each label to the labels topic (through the sink) and to the labels file, and counts it.</summary>
public sealed class LabelAnnouncer(IEventSink sink, LabelFile? file, RunProgress progress)
{
    public void Announce(IncidentLabel label)
    {
        ArgumentNullException.ThrowIfNull(label);
        sink.Publish(label);
        file?.Write(label);
        progress.AddLabel();
    }
}
