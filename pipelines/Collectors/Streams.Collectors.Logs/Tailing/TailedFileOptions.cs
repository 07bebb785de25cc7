namespace Streams.Collectors.Logs.Tailing;

/// <summary>One file to tail, an entry of <c>Logs:Files</c>.</summary>
public sealed class TailedFileOptions
{
    public string Path { get; set; } = "";

    /// <summary>The app name of its lines when the line itself names none.</summary>
    public string App { get; set; } = "";

    /// <summary>
    /// <c>Syslog</c>: lines are syslog-formatted (/var/log/syslog, with or without PRI) and a line
    /// that does not parse is flagged; <c>Plain</c>: every line is a message as it is.
    /// </summary>
    public TailedFileFormat Format { get; set; } = TailedFileFormat.Syslog;
}
