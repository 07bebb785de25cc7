namespace Streams.Host.DeadLetters;

/// <summary>How many records of the topic one stage rejected for one reason.</summary>
internal sealed record DeadLetterCount(string Stage, string Reason, long Records);
