namespace Streams.Collectors.Agent.Parsing;

/// <summary>The aggregate <c>cpu</c> line of /proc/stat, in USER_HZ ticks (guest time is already inside user and nice).</summary>
internal readonly record struct CpuTimes(double User, double Nice, double System, double Idle, double IoWait, double Irq, double SoftIrq, double Steal)
{
    public double Total => User + Nice + System + Idle + IoWait + Irq + SoftIrq + Steal;
}
