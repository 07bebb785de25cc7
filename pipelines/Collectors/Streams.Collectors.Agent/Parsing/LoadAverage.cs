namespace Streams.Collectors.Agent.Parsing;

internal readonly record struct LoadAverage(double One, double Five, double Fifteen);
