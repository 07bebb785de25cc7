namespace Streams.Collectors.Agent.Parsing;

internal readonly record struct Mount(string Device, string MountPoint, string FileSystem);
