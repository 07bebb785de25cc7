namespace Streams.Collectors.Simulator.Fleet;

/// <summary>What a virtual server does; decides its baseline levels and its daily shape.</summary>
public enum ServerRole
{
    Web,
    Db,
    Cache,
    Batch,
}
