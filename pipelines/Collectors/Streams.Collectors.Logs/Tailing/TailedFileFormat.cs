namespace Streams.Collectors.Logs.Tailing;

public enum TailedFileFormat
{
    Syslog,
    Plain,
}
