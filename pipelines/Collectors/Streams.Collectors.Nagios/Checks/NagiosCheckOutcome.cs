namespace Streams.Collectors.Nagios.Checks;

/// <summary>A plugin's answer: the exit code (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN) and the one status line, perfdata after <c>|</c>.</summary>
public sealed record NagiosCheckOutcome(int ExitCode, string StatusLine)
{
    public const int Ok = 0;
    public const int Warning = 1;
    public const int Critical = 2;
    public const int Unknown = 3;
}
