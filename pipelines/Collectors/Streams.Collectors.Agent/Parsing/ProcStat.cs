namespace Streams.Collectors.Agent.Parsing;

/// <summary>What the agent takes from /proc/stat.</summary>
/// <param name="OnlineCpus">Count of <c>cpuN</c> lines: CPUs online now (hot-plug changes it).</param>
/// <param name="BootTime">btime, seconds since the epoch; a change means the host rebooted and every counter restarted.</param>
internal readonly record struct ProcStat(CpuTimes Cpu, int OnlineCpus, long BootTime, double ContextSwitches, double Forks, double ProcsRunning, double ProcsBlocked);
