namespace Streams.Collectors.Simulator.Fleet;

/// <summary>What a server carries from one collection round to the next.</summary>
internal struct ServerState
{
    public FastRandom Random;
    public int NextTick;
    public bool Failed;

    /// <summary>AR(1) noise shared by all series of the server, which is what correlates them.</summary>
    public double Noise;
    public double Load1;
    public double Load5;
    public double Load15;
    public double FsUsed;
    public double MemoryShare;
}
