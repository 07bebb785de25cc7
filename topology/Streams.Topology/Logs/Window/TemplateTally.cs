namespace Streams.Topology.Logs.Window;

/// <summary>One template's lines in one window.</summary>
internal sealed class TemplateTally(string text)
{
    /// <summary>The template text of the newest line counted: a template generalises as it meets new lines.</summary>
    public string Text { get; set; } = text;

    public int Count { get; set; }

    /// <summary>A line in the window created the template.</summary>
    public bool IsNew { get; set; }
}
